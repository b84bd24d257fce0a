import Link from "next/link";

export function AppShell({ children, nav }: { children: React.ReactNode; nav?: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-panel focus:p-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-line bg-panel/95 backdrop-blur">
        <div className="mx-auto flex h-12 max-w-[1400px] items-center gap-6 px-4">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <span aria-hidden className="grid h-6 w-6 place-items-center rounded bg-accent text-xs text-accent-fg">✓</span>
            Countersign
          </Link>
          <nav aria-label="Main" className="flex items-center gap-4 text-sm text-muted">
            <Link href="/" className="hover:text-fg">Queue</Link>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">{nav}</div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-[1400px] px-4 py-5">
        {children}
      </main>
    </div>
  );
}
