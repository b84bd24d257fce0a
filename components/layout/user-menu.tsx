"use client";
// The header's user menu. better-auth's browser client is loaded only when a sign-out is clicked,
// so it stays out of every dashboard page's first load.
import { useRouter } from "next/navigation";
import { NotificationToggle } from "@/components/notifications/notification-toggle";

export function UserMenu({ name, role }: { name: string; role: string }) {
  const router = useRouter();
  const signOut = async (everywhere: boolean) => {
    const { authClient } = await import("@/lib/auth/client");
    if (everywhere) await authClient.revokeSessions();
    await authClient.signOut();
    router.replace("/login");
    router.refresh();
  };
  return (
    // Opening the menu starts loading the client, so a click on "Sign out" rarely waits for it.
    <details className="relative" onToggle={(event) => event.currentTarget.open && void import("@/lib/auth/client")}>
      <summary className="cursor-pointer list-none rounded-md px-2 py-1 hover:bg-bg">
        <span className="inline-block max-w-[7rem] truncate align-bottom font-medium sm:max-w-none">{name}</span>
        <span className="hidden text-muted sm:inline"> · {role}</span>
      </summary>
      <div className="absolute right-0 z-40 mt-1 w-56 rounded-md border border-line bg-panel p-1 shadow-lg">
        <div className="border-b border-line px-1 pb-1">
          <NotificationToggle />
        </div>
        <button className="block w-full rounded px-3 py-2 text-left hover:bg-bg" onClick={() => void signOut(false)}>
          Sign out
        </button>
        <button className="block w-full rounded px-3 py-2 text-left hover:bg-bg" onClick={() => void signOut(true)}>
          Sign out everywhere
        </button>
      </div>
    </details>
  );
}
