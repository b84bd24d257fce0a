import Link from "next/link";
import { UserMenu } from "./user-menu";

export interface ShellUser {
  name: string;
  role: string;
}

export function AppShell({ children, user }: { children: React.ReactNode; user: ShellUser }) {
  const links = [
    { href: "/", label: "Queue" },
    { href: "/inbox", label: "Inbox" },
    { href: "/contacts", label: "Contacts" },
    { href: "/activity", label: "Activity" },
    ...(user.role === "admin" ? [{ href: "/settings", label: "Settings" }] : []),
  ];
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-panel focus:p-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-line bg-panel/95 backdrop-blur">
        <div className="mx-auto flex h-12 max-w-[1400px] items-center gap-4 px-4 sm:gap-6">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <span aria-hidden className="grid h-6 w-6 place-items-center rounded bg-accent text-xs text-accent-fg">
              ✓
            </span>
            <span className="hidden sm:inline">Countersign</span>
          </Link>
          <nav aria-label="Main" className="flex min-w-0 items-center gap-3 overflow-x-auto text-sm text-muted sm:gap-4">
            {links.map((l) => (
              <Link key={l.href} href={l.href} className="hover:text-fg">
                {l.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto text-sm">
            <UserMenu name={user.name} role={user.role} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-[1400px] px-4 py-5">
        {children}
      </main>
    </div>
  );
}
