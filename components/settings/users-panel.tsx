"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { setUserActiveAction, setUserRoleAction } from "@/lib/accounts/actions";
import { roles } from "@/lib/auth/roles";

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  active: boolean;
}

export function UsersPanel({ users, meId }: { users: UserRow[]; meId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (work: () => Promise<{ error?: { message: string } } | object>) =>
    startTransition(async () => {
      const result = await work();
      setError("error" in result && result.error ? result.error.message : null);
      router.refresh();
    });
  return (
    <section aria-labelledby="users-title" className="rounded-md border border-line bg-panel p-4">
      <h2 id="users-title" className="mb-3 font-semibold">
        People
      </h2>
      {error ? (
        <p role="alert" className="mb-2 text-sm text-bad">
          {error}
        </p>
      ) : null}
      <ul className="divide-y divide-line">
        {users.map((u) => (
          <li key={u.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium">
                {u.name}
                {u.id === meId ? " (you)" : ""}
              </p>
              <p className="truncate text-muted">
                {u.email}
                {u.active ? "" : " · deactivated"}
              </p>
            </div>
            <label className="flex items-center gap-2">
              <span className="sr-only">Role of {u.email}</span>
              <select
                value={u.role}
                disabled={pending}
                onChange={(e) => run(() => setUserRoleAction({ userId: u.id, role: e.target.value as (typeof roles)[number] }))}
                className="rounded-md border border-line bg-bg px-2 py-1"
              >
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </label>
            {u.id !== meId ? (
              <Button
                size="sm"
                variant={u.active ? "secondary" : "primary"}
                disabled={pending}
                onClick={() => run(() => setUserActiveAction({ userId: u.id, active: !u.active }))}
              >
                {u.active ? "Deactivate" : "Reactivate"}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
