import Link from "next/link";
import { LiveUpdatesProvider } from "@/components/realtime/live-updates-provider";
import { MainNav, type NavLink } from "./main-nav";
import { TabStatus } from "./tab-status";
import { UserMenu } from "./user-menu";

export interface ShellUser {
  name: string;
  role: string;
}

/** `renderedAt`: the server clock at render, for the live updates to catch up from (live-updates-provider.tsx). */
export function AppShell({ children, user, renderedAt }: { children: React.ReactNode; user: ShellUser; renderedAt: number }) {
  const links: NavLink[] = [
    { href: "/", label: "Queue" },
    { href: "/inbox", label: "Inbox" },
    { href: "/contacts", label: "Contacts" },
    { href: "/insights", label: "Insights" },
    { href: "/activity", label: "Activity" },
    ...(user.role === "admin" ? [{ href: "/settings", label: "Settings" }] : []),
  ];
  return (
    <LiveUpdatesProvider renderedAt={renderedAt}>
      <TabStatus />
      <div className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-panel focus:p-2">
          Skip to content
        </a>
        <header className="sticky top-0 z-30 border-b border-line bg-panel/95 backdrop-blur">
          <div className="mx-auto flex h-12 max-w-[1400px] items-center gap-3 px-4 sm:gap-5">
            <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
              <span aria-hidden className="grid h-6 w-6 place-items-center rounded bg-accent text-xs text-accent-fg">
                ✓
              </span>
              <span className="max-sm:sr-only">Countersign</span>
            </Link>
            <MainNav links={links} />
            <div className="ml-auto text-sm">
              <UserMenu name={user.name} role={user.role} />
            </div>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-[1400px] px-4 py-5">
          {children}
        </main>
      </div>
    </LiveUpdatesProvider>
  );
}
