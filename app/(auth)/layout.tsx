export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="grid min-h-screen place-items-center px-4 py-10">
      <div className="w-full max-w-sm">
        <p className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded bg-accent text-sm text-accent-fg">
            ✓
          </span>
          Countersign
        </p>
        <div className="rounded-lg border border-line bg-panel p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}
