"use client";
// Agent API keys (admins): create one per voice agent — shown once — list them, revoke them. Agents
// use a key for GET /api/v1/contacts/{email}/context (examples/contact-context/).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { createAgentKeyAction, revokeAgentKeyAction } from "@/lib/inbox/actions";
import type { AgentKeyRow } from "@/lib/inbox/schemas";
import { DateTime } from "@/components/ui/date-time";

export function AgentKeysPanel({ keys }: { keys: AgentKeyRow[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const active = keys.filter((k) => !k.revokedAt);
  const revoked = keys.filter((k) => k.revokedAt);
  return (
    <section aria-labelledby="agent-keys-title" className="rounded-md border border-line bg-panel p-4">
      <h2 id="agent-keys-title" className="mb-1 font-semibold">
        Agent API keys
      </h2>
      <p className="mb-3 text-sm text-muted">
        Voice agents send one as <code>Authorization: Bearer …</code> to <code>GET /api/v1/contacts/&#123;email&#125;/context</code> to greet a returning caller with
        their recent exchanges.
      </p>
      <form
        className="flex flex-wrap items-end gap-3 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const name = String(new FormData(form).get("name") ?? "");
          startTransition(async () => {
            const result = await createAgentKeyAction({ name });
            if ("error" in result) return setError(result.error.message);
            setError(null);
            setCreated({ name: result.data.row.name, key: result.data.key });
            form.reset();
            router.refresh();
          });
        }}
      >
        <label className="flex flex-1 flex-col gap-1">
          <span className="text-muted">Key name (the agent that uses it)</span>
          <input name="name" required maxLength={80} placeholder="Front-desk voice agent" className="rounded-md border border-line bg-bg px-2 py-1.5" />
        </label>
        <Button type="submit" variant="primary" disabled={pending}>
          Create key
        </Button>
      </form>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-bad">
          {error}
        </p>
      ) : null}
      {created ? (
        <div role="status" className="mt-3 rounded-md border border-ok/40 bg-bg p-3 text-sm">
          <p className="mb-1">Key “{created.name}” created. Copy it now: it is not shown again, and Countersign keeps only its hash.</p>
          <label className="block">
            <span className="sr-only">New agent key</span>
            <input
              readOnly
              value={created.key}
              className="w-full rounded border border-line bg-panel px-2 py-1 font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
          </label>
        </div>
      ) : null}
      {active.length ? (
        <>
          <h3 className="mb-1 mt-4 text-sm font-medium">Active keys</h3>
          <ul className="divide-y divide-line text-sm">
            {active.map((k) => (
              <li key={k.id} className="flex flex-wrap items-center gap-3 py-2">
                <span className="min-w-0 flex-1">
                  <span className="font-medium">{k.name}</span> · <code className="text-xs">{k.prefix}…</code>
                  <span className="block text-xs text-muted">
                    by {k.createdBy} · <DateTime at={k.createdAt} /> ·{" "}
                    {k.lastUsedAt ? (
                      <>
                        last used <DateTime at={k.lastUsedAt} />
                      </>
                    ) : (
                      "never used"
                    )}
                  </span>
                </span>
                <Button
                  size="sm"
                  variant="danger"
                  aria-label={`Revoke key ${k.name}`}
                  disabled={pending}
                  onClick={() =>
                    startTransition(async () => {
                      const result = await revokeAgentKeyAction({ keyId: k.id });
                      if ("error" in result) setError(result.error.message);
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
      ) : (
        <p className="mt-3 text-sm text-muted">No active key: agents cannot ask for context.</p>
      )}
      {revoked.length ? (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-muted">
            {revoked.length} revoked key{revoked.length === 1 ? "" : "s"}
          </summary>
          <ul className="mt-1 space-y-1 text-muted">
            {revoked.map((k) => (
              <li key={k.id}>
                {k.name} · <code className="text-xs">{k.prefix}…</code> · revoked <DateTime at={k.revokedAt!} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
