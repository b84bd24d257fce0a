import { AppShell } from "@/components/layout/app-shell";
import { requirePageUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser("viewer");
  return <AppShell user={{ name: user.name || user.email, role: user.role }}>{children}</AppShell>;
}
