"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { createInviteAction, revokeInviteAction } from "@/lib/accounts/actions";
import { roleLabels, roles, type Role } from "@/lib/auth/roles";
import { DateTime } from "@/components/ui/date-time";

export interface InviteRow {
  id: string;
  email: string | null;
  role: string;
  createdBy: string;
  expiresAt: string;
}

export function InvitesPanel({ invites }: { invites: InviteRow[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="invites-title" className="rounded-md border border-line bg-panel p-4">
      <h2 id="invites-title" className="mb-3 font-semibold">
        Invite someone
      </h2>
      <form
        className="flex flex-wrap items-end gap-3 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          startTransition(async () => {
            const result = await createInviteAction({ role: form.get("role") as Role, email: String(form.get("email") ?? "") });
            if ("error" in result) return setError(result.error.message);
            setError(null);
            setLink(result.data.url);
            router.refresh();
          });
        }}
      >
        <label className="flex flex-col gap-1">
          <span className="text-muted">Email (optional: binds the link to it)</span>
          <input name="email" type="email" className="rounded-md border border-line bg-bg px-2 py-1.5" />
        </label>
        <label className="flex max-w-full flex-col gap-1">
          <span className="text-muted">Role</span>
          <select name="role" aria-label="Invite role" defaultValue="reviewer" className="max-w-full rounded-md border border-line bg-bg px-2 py-1.5">
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="primary" disabled={pending}>
          Create invite link
        </Button>
      </form>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-bad">
          {error}
        </p>
      ) : null}
      {link ? (
        <div className="mt-3 rounded-md border border-ok/40 bg-bg p-3 text-sm">
          <p className="mb-1">Send this link to the person. It works once and expires in 72 hours; it is not shown again.</p>
          <label className="block">
            <span className="sr-only">Invite link</span>
            <input readOnly value={link} className="w-full rounded border border-line bg-panel px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
          </label>
        </div>
      ) : null}
      {invites.length ? (
        <>
          <h3 className="mb-1 mt-4 text-sm font-medium">Open invites</h3>
          <ul className="divide-y divide-line text-sm">
            {invites.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-3 py-2">
                <span className="flex-1">
                  {i.email ?? "anyone with the link"} · {i.role} · by {i.createdBy} · expires <DateTime at={i.expiresAt} />
                </span>
                <Button
                  size="sm"
                  disabled={pending}
                  onClick={() =>
                    startTransition(async () => {
                      await revokeInviteAction({ inviteId: i.id });
                      router.refresh();
                    })
                  }
                >
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
