"use client";
// Settings → MultiMail (admins): the connection check (each key's verdict, webhook deliveries and their
// verification, the background jobs), webhook registration and mailbox provisioning, each behind the
// code MultiMail emails the operator. Every answer comes from a Server Action in lib/connect/actions.ts.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  applyUpgradeAction,
  checkMultiMailAction,
  createMailboxAction,
  deleteWebhookAction,
  listMailboxesAction,
  listWebhooksAction,
  registerWebhookAction,
  requestUpgradeAction,
  updateMailboxAction,
} from "@/lib/connect/actions";
import {
  OVERSIGHT_MODE_LABELS,
  OVERSIGHT_MODE_ORDER,
  type JobState,
  type KeyVerdict,
  type MailboxRow,
  type MultiMailStatus,
  type OversightModeName,
  type Tone,
} from "@/lib/connect/schemas";
import { unwrapAction } from "@/lib/http/action-result";
import { formatDateTime } from "@/lib/format-date";

const when = (iso: string | null) => (iso ? formatDateTime(iso) : "never");
const TONE_WORD: Record<Tone, string> = { ok: "Good", warn: "Check", bad: "Problem", muted: "Off" };
const badgeTone = (tone: Tone) => (tone === "muted" ? "neutral" : tone);
const fieldClass = "w-full min-w-0 max-w-full rounded-md border border-line bg-bg px-2 py-1.5 text-sm";

function ErrorText({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="mt-2 text-sm text-bad">
      {error instanceof Error ? error.message : String(error)}
    </p>
  );
}

function KeyRow({ k }: { k: KeyVerdict }) {
  return (
    <li className="py-2">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{k.label}</span>
        <code className="text-xs text-muted">{k.variable}</code>
        <Badge tone={badgeTone(k.tone)}>{TONE_WORD[k.tone]}</Badge>
      </div>
      <p className="mt-0.5">{k.verdict}</p>
      {k.scopes ? <p className="text-xs text-muted">Scopes MultiMail lists for it: {k.scopes.join(", ") || "none"}</p> : null}
    </li>
  );
}

function JobRow({ job, workerOn }: { job: JobState; workerOn: boolean }) {
  const tone: Tone = job.lastOk === null ? "muted" : job.lastOk ? "ok" : "bad";
  return (
    <li className="py-2">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{job.label}</span>
        <Badge tone={badgeTone(tone)}>{job.lastOk === null ? "Not run yet" : job.lastOk ? "Last run fine" : "Last run failed"}</Badge>
      </div>
      <p className="text-muted">
        Every {Math.round(job.intervalMs / 1000)} s · last run {when(job.lastFinishedAt)}
        {workerOn && job.nextRunAt ? ` · next due ${when(job.nextRunAt)}` : ""}
        {job.leaseHeld ? " · an instance is running it" : ""}
      </p>
      <p>{job.backlog.map((b) => `${b.count} ${b.label}`).join(" · ")}</p>
      {job.summary ? (
        <p className="text-xs text-muted">
          Last pass:{" "}
          {Object.entries(job.summary)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")}
        </p>
      ) : null}
      {job.lastError ? (
        <p className="text-xs text-bad">
          Last error ({when(job.lastError.at)}): {job.lastError.message}
        </p>
      ) : null}
    </li>
  );
}

function WebhookState({ webhook }: { webhook: MultiMailStatus["webhook"] }) {
  const source =
    webhook.secretSource === "env"
      ? "Signing secret: MULTIMAIL_WEBHOOK_SECRET (it wins over a secret registered here)."
      : webhook.secretSource === "stored"
        ? `Signing secret: stored encrypted, from the subscription registered here${webhook.registered ? ` by ${webhook.registered.registeredBy} on ${when(webhook.registered.registeredAt)}` : ""}.`
        : "No signing secret: every webhook is refused until you register one below or set MULTIMAIL_WEBHOOK_SECRET.";
  return (
    <div className="space-y-1">
      <p>
        Our address: <code className="break-all text-xs">{webhook.expectedUrl}</code>
      </p>
      <p className={webhook.secretSource === "none" ? "text-bad" : undefined}>{source}</p>
      {webhook.secretProblem ? <p className="text-bad">{webhook.secretProblem}</p> : null}
      <p>
        Last webhook received:{" "}
        {webhook.lastReceived
          ? `${webhook.lastReceived.eventType} at ${when(webhook.lastReceived.at)}, signature verified${webhook.lastReceived.processed ? ", applied" : webhook.lastReceived.error ? `, not applied yet: ${webhook.lastReceived.error}` : ", waiting to be applied"}.`
          : "none yet."}
      </p>
      {webhook.lastRejected ? (
        <p className={!webhook.lastReceived || webhook.lastRejected.at > webhook.lastReceived.at ? "text-bad" : "text-muted"}>
          Last webhook refused: {when(webhook.lastRejected.at)}: {webhook.lastRejected.reason}
        </p>
      ) : null}
    </div>
  );
}

/** Enter the code MultiMail emailed the operator, then confirm; or cancel the flow. */
function CodeForm({
  message,
  busy,
  label,
  onSubmit,
  onCancel,
}: {
  message: string;
  busy: boolean;
  label: string;
  onSubmit: (code: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [code, setCode] = useState("");
  return (
    <form
      className="mt-2 rounded-md border border-accent/40 bg-bg p-3"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(code);
      }}
    >
      <p role="status" className="mb-2">
        A code was emailed to the operator. {message}
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <label htmlFor={id} className="flex min-w-0 flex-col gap-1">
          <span className="text-muted">Approval code</span>
          <input
            id={id}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
            maxLength={40}
            autoComplete="one-time-code"
            placeholder="A7X-29K"
            className={`${fieldClass} font-mono uppercase`}
          />
        </label>
        <Button type="submit" variant="primary" disabled={busy || !code.trim()}>
          {label}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function WebhookManager({ canManage, status }: { canManage: boolean; status: MultiMailStatus }) {
  const queryClient = useQueryClient();
  const [codeMessage, setCodeMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const list = useQuery({ queryKey: ["connect", "webhooks"], queryFn: () => unwrapAction(listWebhooksAction({})), enabled: canManage, retry: false });
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ["connect"] })]);
  const register = useMutation({
    mutationFn: (approvalCode?: string) => unwrapAction(registerWebhookAction({ approvalCode })),
    onSuccess: async (result) => {
      if (result.step === "code_sent") {
        setCodeMessage(result.message);
        return;
      }
      setCodeMessage(null);
      setDone(
        `Webhook registered for ${result.url}. Its signing secret is stored encrypted${result.secretInEnv ? ", but MULTIMAIL_WEBHOOK_SECRET is set and wins: remove it (or set it to the new secret) so this subscription's webhooks verify." : " and verifies webhooks from now on."}`,
      );
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (webhookId: string) => unwrapAction(deleteWebhookAction({ webhookId })),
    onSuccess: refresh,
  });

  if (!canManage) {
    return <p className="text-muted">Set MULTIMAIL_ADMIN_KEY (a key with the admin scope) to register and list webhooks here.</p>;
  }
  return (
    <div>
      {!status.webhook.secretsKeySet ? (
        <p className="mb-2 text-warn">
          SECRETS_KEY is not set: Countersign will not store a signing secret, so registering here is refused. Set SECRETS_KEY (at least 32 characters) and restart.
        </p>
      ) : null}
      {codeMessage === null ? (
        <Button
          variant="primary"
          disabled={register.isPending}
          onClick={() => {
            setDone(null);
            register.mutate(undefined);
          }}
        >
          Register our webhook
        </Button>
      ) : (
        <CodeForm
          message={codeMessage}
          busy={register.isPending}
          label="Register with this code"
          onSubmit={(code) => register.mutate(code)}
          onCancel={() => {
            setCodeMessage(null);
            register.reset();
          }}
        />
      )}
      <ErrorText error={register.error} />
      {done ? (
        <p role="status" className="mt-2 text-ok">
          {done}
        </p>
      ) : null}
      <h4 className="mb-1 mt-3 font-medium">Subscriptions at MultiMail</h4>
      {list.isPending ? <p className="text-muted">Loading…</p> : null}
      <ErrorText error={list.error} />
      {list.data && list.data.length === 0 ? <p className="text-muted">None: MultiMail sends no webhooks to anyone.</p> : null}
      {list.data?.length ? (
        <ul className="divide-y divide-line">
          {list.data.map((w) => (
            <li key={w.id} className="flex flex-wrap items-start gap-2 py-2">
              <span className="min-w-0 flex-1">
                <code className="break-all text-xs">{w.url ?? "(no url)"}</code> {w.ours ? <Badge tone="ok">ours</Badge> : null}
                {w.url === status.webhook.expectedUrl && !w.ours ? <Badge tone="warn">our address, secret not stored here</Badge> : null}
                <span className="block text-xs text-muted">
                  {w.events.join(", ") || "all events"}
                  {w.mailboxId ? ` · mailbox ${w.mailboxId}` : " · all mailboxes"}
                  {w.createdAt ? ` · created ${when(w.createdAt)}` : ""}
                </span>
              </span>
              <Button
                size="sm"
                variant="danger"
                aria-label={`Delete webhook ${w.url ?? w.id}`}
                disabled={remove.isPending}
                onClick={() => {
                  if (window.confirm(`Delete the subscription for ${w.url ?? w.id}? MultiMail stops sending to it at once.`)) remove.mutate(w.id);
                }}
              >
                Delete
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorText error={remove.error} />
    </div>
  );
}

const rank = (mode: string | null) => OVERSIGHT_MODE_ORDER.indexOf(mode as OversightModeName);

function MailboxEditor({ mailbox }: { mailbox: MailboxRow }) {
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(mailbox.displayName ?? "");
  const [signature, setSignature] = useState(mailbox.signatureBlock ?? "");
  const [mode, setMode] = useState<string>(mailbox.oversightMode ?? "gated_send");
  const [target, setTarget] = useState<OversightModeName | "">("");
  const [upgradeAsked, setUpgradeAsked] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const ids = { name: useId(), sig: useId(), mode: useId(), target: useId() };
  const current = rank(mailbox.oversightMode);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["connect", "mailboxes"] });
  const save = useMutation({
    mutationFn: () =>
      unwrapAction(
        updateMailboxAction({
          mailboxId: mailbox.id,
          displayName: displayName.trim() || null,
          signatureBlock: signature.trim() ? signature : null,
          oversightMode: mode as OversightModeName,
        }),
      ),
    onSuccess: async (r) => {
      setSaved(r.changed.length ? "Saved at MultiMail." : "Nothing changed.");
      await refresh();
    },
  });
  const ask = useMutation({
    mutationFn: () => unwrapAction(requestUpgradeAction({ mailboxId: mailbox.id, targetMode: target as OversightModeName })),
    onSuccess: () => setUpgradeAsked(true),
  });
  const apply = useMutation({
    mutationFn: (code: string) => unwrapAction(applyUpgradeAction({ mailboxId: mailbox.id, code })),
    onSuccess: async (r) => {
      setUpgradeAsked(false);
      setTarget("");
      setSaved(`Upgraded: the mailbox is now ${r.oversightMode}.`);
      if (r.oversightMode) setMode(r.oversightMode);
      await refresh();
    },
  });
  const upgrades = OVERSIGHT_MODE_ORDER.filter((m) => rank(m) > current);
  return (
    <li className="py-3">
      <p className="mb-2">
        <span className="font-medium">{mailbox.address}</span> <Badge tone="info">{mailbox.oversightMode ?? "unknown mode"}</Badge>
      </p>
      <form
        className="grid grid-cols-1 gap-2 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(null);
          save.mutate();
        }}
      >
        <label htmlFor={ids.name} className="flex min-w-0 flex-col gap-1">
          <span className="text-muted">Display name</span>
          <input id={ids.name} value={displayName} maxLength={100} onChange={(e) => setDisplayName(e.target.value)} className={fieldClass} />
        </label>
        <label htmlFor={ids.mode} className="flex min-w-0 flex-col gap-1">
          <span className="text-muted">Oversight mode (downgrades only)</span>
          <select id={ids.mode} value={mode} onChange={(e) => setMode(e.target.value)} className={fieldClass}>
            {OVERSIGHT_MODE_ORDER.filter((m) => rank(m) <= current || current < 0).map((m) => (
              <option key={m} value={m}>
                {OVERSIGHT_MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={ids.sig} className="flex min-w-0 flex-col gap-1 sm:col-span-2">
          <span className="text-muted">Signature block (plain text, up to 200 characters; empty clears it)</span>
          <textarea id={ids.sig} value={signature} maxLength={200} rows={2} onChange={(e) => setSignature(e.target.value)} className={fieldClass} />
        </label>
        <div className="sm:col-span-2">
          <Button type="submit" size="sm" disabled={save.isPending}>
            Save mailbox
          </Button>
        </div>
      </form>
      <ErrorText error={save.error} />
      {upgrades.length ? (
        <div className="mt-2">
          {!upgradeAsked ? (
            <form
              className="flex flex-wrap items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                setSaved(null);
                ask.mutate();
              }}
            >
              <label htmlFor={ids.target} className="flex min-w-0 flex-1 basis-56 flex-col gap-1">
                <span className="text-muted">Upgrade through the trust ladder</span>
                <select id={ids.target} value={target} onChange={(e) => setTarget(e.target.value as OversightModeName | "")} className={fieldClass} required>
                  <option value="">Choose a mode…</option>
                  {upgrades.map((m) => (
                    <option key={m} value={m}>
                      {OVERSIGHT_MODE_LABELS[m]}
                    </option>
                  ))}
                </select>
              </label>
              <Button type="submit" size="sm" disabled={!target || ask.isPending}>
                Request upgrade
              </Button>
            </form>
          ) : (
            <CodeForm
              message={`Enter it to move ${mailbox.address} to ${target}.`}
              busy={apply.isPending}
              label="Upgrade with this code"
              onSubmit={(code) => apply.mutate(code)}
              onCancel={() => {
                setUpgradeAsked(false);
                apply.reset();
              }}
            />
          )}
          <ErrorText error={ask.error ?? apply.error} />
        </div>
      ) : null}
      {saved ? (
        <p role="status" className="mt-1 text-ok">
          {saved}
        </p>
      ) : null}
    </li>
  );
}

function MailboxManager({ canManage }: { canManage: boolean }) {
  const queryClient = useQueryClient();
  const [addressLocal, setAddressLocal] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [codeMessage, setCodeMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const ids = { local: useId(), name: useId() };
  const list = useQuery({ queryKey: ["connect", "mailboxes"], queryFn: () => unwrapAction(listMailboxesAction({})), enabled: canManage, retry: false });
  const create = useMutation({
    mutationFn: (approvalCode?: string) => unwrapAction(createMailboxAction({ addressLocal, displayName: displayName || undefined, approvalCode })),
    onSuccess: async (result) => {
      if (result.step === "code_sent") return setCodeMessage(result.message);
      setCodeMessage(null);
      setCreated(`Mailbox ${result.address} created. It starts in gated_send: every outbound email is held for review.`);
      setAddressLocal("");
      setDisplayName("");
      await queryClient.invalidateQueries({ queryKey: ["connect", "mailboxes"] });
    },
  });
  if (!canManage) return <p className="text-muted">Set MULTIMAIL_ADMIN_KEY (a key with the admin scope) to create and change mailboxes here.</p>;
  return (
    <div>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setCreated(null);
          create.mutate(undefined);
        }}
      >
        <label htmlFor={ids.local} className="flex min-w-0 flex-1 basis-40 flex-col gap-1">
          <span className="text-muted">Address (part before @)</span>
          <input
            id={ids.local}
            value={addressLocal}
            onChange={(e) => setAddressLocal(e.target.value)}
            required
            maxLength={254}
            placeholder="billing"
            disabled={codeMessage !== null}
            className={fieldClass}
          />
        </label>
        <label htmlFor={ids.name} className="flex min-w-0 flex-1 basis-40 flex-col gap-1">
          <span className="text-muted">Display name</span>
          <input
            id={ids.name}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            maxLength={100}
            placeholder="Acme Billing"
            disabled={codeMessage !== null}
            className={fieldClass}
          />
        </label>
        {codeMessage === null ? (
          <Button type="submit" variant="primary" disabled={create.isPending || !addressLocal.trim()}>
            Create mailbox
          </Button>
        ) : null}
      </form>
      {codeMessage !== null ? (
        <CodeForm
          message={codeMessage}
          busy={create.isPending}
          label="Create with this code"
          onSubmit={(code) => create.mutate(code)}
          onCancel={() => {
            setCodeMessage(null);
            create.reset();
          }}
        />
      ) : null}
      <ErrorText error={create.error} />
      {created ? (
        <p role="status" className="mt-2 text-ok">
          {created}
        </p>
      ) : null}
      <p className="mt-3 text-xs text-muted">
        Sending allowlists are not offered here: MultiMail does not document their API yet (manage them in MultiMail). Upgrades need the operator&apos;s code; downgrades
        apply at once.
      </p>
      {list.isPending ? <p className="text-muted">Loading mailboxes…</p> : null}
      <ErrorText error={list.error} />
      {list.data ? (
        <ul className="divide-y divide-line">
          {list.data.map((m) => (
            <MailboxEditor key={m.id} mailbox={m} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function MultiMailPanel() {
  const check = useQuery({
    queryKey: ["connect", "multimail"],
    queryFn: () => unwrapAction(checkMultiMailAction({})),
    retry: false,
    refetchOnWindowFocus: false,
  });
  const status = check.data;
  const admin = status?.keys.find((k) => k.role === "admin");
  const canManage = Boolean(admin?.configured && admin.abilities?.admin);
  return (
    <section aria-labelledby="multimail-title" className="rounded-md border border-line bg-panel p-4 text-sm lg:col-span-2">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 id="multimail-title" className="flex-1 font-semibold">
          MultiMail
        </h2>
        <Button size="sm" onClick={() => check.refetch()} disabled={check.isFetching}>
          {check.isFetching ? "Checking…" : "Check again"}
        </Button>
      </div>
      <ErrorText error={check.error} />
      {!status && check.isPending ? <p className="text-muted">Checking the connection…</p> : null}
      {status ? (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <div>
            <h3 className="mb-1 font-medium">Connection</h3>
            <p>
              {status.apiUrl ? (
                <>
                  API <code className="break-all text-xs">{status.apiUrl}</code>:{" "}
                  {status.health === null
                    ? "no key to check with."
                    : status.health.ok
                      ? "answering."
                      : "message" in status.health
                        ? `not reachable (${status.health.message}).`
                        : `reports ${status.health.status}.`}
                </>
              ) : (
                <span className="text-bad">Not connected: set {status.missing.join(", ")}.</span>
              )}
            </p>
            <ul className="divide-y divide-line" aria-label="MultiMail keys">
              {status.keys.map((k) => (
                <KeyRow key={k.role} k={k} />
              ))}
            </ul>
            <p className="text-xs text-muted">Checked {when(status.checkedAt)} by harmless requests that change nothing at MultiMail.</p>
          </div>
          <div>
            <h3 className="mb-1 font-medium">Webhook</h3>
            <WebhookState webhook={status.webhook} />
            <h3 className="mb-1 mt-4 font-medium">Background jobs</h3>
            {status.worker.reason ? <p className="text-warn">{status.worker.reason}</p> : null}
            <ul className="divide-y divide-line">
              {status.jobs.map((j) => (
                <JobRow key={j.name} job={j} workerOn={status.worker.enabled} />
              ))}
            </ul>
          </div>
          <div>
            <h3 className="mb-1 font-medium">Register the webhook</h3>
            <p className="mb-2 text-muted">
              MultiMail emails the operator a code first; enter it here to finish. The signing secret is shown only once, so Countersign stores it encrypted.
            </p>
            <WebhookManager canManage={canManage} status={status} />
          </div>
          <div>
            <h3 className="mb-1 font-medium">Mailboxes</h3>
            <MailboxManager canManage={canManage} />
          </div>
        </div>
      ) : null}
    </section>
  );
}
