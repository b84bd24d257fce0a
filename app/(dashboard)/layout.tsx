import { AppShell } from "@/components/layout/app-shell";
import { requirePageUser } from "@/lib/auth/session";
import { logger } from "@/lib/logger";
import { keepRecentChanges, renderedNow } from "@/lib/realtime/recent-changes";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  // Taken first, before any page data is read: the live connection asks what changed since then.
  const renderedAt = renderedNow();
  const user = await requirePageUser("viewer");
  await keepRecentChanges().catch((error: unknown) => logger.warn({ err: error, scope: "realtime" }, "recent changes unavailable"));
  return (
    <AppShell user={{ name: user.name || user.email, role: user.role }} renderedAt={renderedAt}>
      {children}
    </AppShell>
  );
}
