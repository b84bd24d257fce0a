// Settings → MultiMail → Connection check: each key's verdict, the webhook's last delivery and its
// verification, and the reconciler's and outbox's last runs, next runs and backlogs.
import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { decisions, leases, revisions, reviewItems, webhookDeliveries } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { readJobRun, type JobName } from "./job-runs";
import { clientFor } from "./multimail-admin";
import { listedScopes, probeKey, verdictFor } from "./key-verdicts";
import type { JobState, MultiMailStatus } from "./schemas";
import { ourWebhookUrl } from "./webhooks";
import { lastRejectedWebhook, readStoredWebhook, storedWebhookSecret } from "./webhook-secret";

async function health(apiUrl: string, anyKey: string | undefined): Promise<MultiMailStatus["health"]> {
  if (!anyKey) return null;
  try {
    const result = await clientFor(anyKey).health();
    return { ok: result.ok, status: result.status };
  } catch (error) {
    return { ok: false, status: "unreachable", message: error instanceof Error ? error.message : `Could not reach ${apiUrl}` };
  }
}

async function keyVerdicts(): Promise<MultiMailStatus["keys"]> {
  const e = env();
  const raw = { oversight: e.MULTIMAIL_OVERSIGHT_KEY, send: e.MULTIMAIL_SEND_KEY, admin: e.MULTIMAIL_ADMIN_KEY };
  const probe = (key: string | undefined) => (key ? probeKey(clientFor(key)) : Promise.resolve(null));
  const [oversight, send, admin] = await Promise.all([probe(raw.oversight), probe(raw.send), probe(raw.admin)]);
  const adminUsable = raw.admin && admin?.state === "ok" && admin.abilities.admin === true ? clientFor(raw.admin) : null;
  const present = (["oversight", "send", "admin"] as const).filter((r) => raw[r]);
  const scopes = await listedScopes(
    adminUsable,
    present.map((r) => raw[r]!),
  );
  const scopesOf = (role: "oversight" | "send" | "admin") => (present.includes(role) ? scopes[present.indexOf(role)] : null);
  return [
    verdictFor("oversight", oversight, { scopes: scopesOf("oversight") }),
    verdictFor("send", send, { scopes: scopesOf("send"), sameAsOversight: Boolean(raw.send && raw.send === raw.oversight) }),
    verdictFor("admin", admin, { scopes: scopesOf("admin") }),
  ];
}

async function jobState(db: Db, name: JobName, intervalMs: number, backlog: JobState["backlog"]): Promise<JobState> {
  const [run, lease] = await Promise.all([readJobRun(db, name), db.select().from(leases).where(eq(leases.name, name)).limit(1)]);
  const finished = run?.finishedAt ? Date.parse(run.finishedAt) : null;
  return {
    name,
    label: name === "reconciler" ? "Reconciler (polls the pending list)" : "Outbox (delivers decisions, re-sends edits, retries webhooks)",
    intervalMs,
    lastStartedAt: run?.startedAt ?? null,
    lastFinishedAt: run?.finishedAt ?? null,
    lastOk: run ? run.ok : null,
    lastError: run?.lastError ?? null,
    nextRunAt: finished ? new Date(finished + intervalMs).toISOString() : null,
    leaseHeld: Boolean(lease[0] && lease[0].expiresAt.getTime() > Date.now()),
    summary: run?.summary ?? null,
    backlog,
  };
}

async function jobs(db: Db): Promise<JobState[]> {
  const e = env();
  const [[held], [undelivered], [resends], [inbox]] = await Promise.all([
    db.select({ n: count() }).from(reviewItems).where(eq(reviewItems.state, "pending")),
    db.select({ n: count() }).from(decisions).where(eq(decisions.delivery, "pending")),
    db.select({ n: count() }).from(revisions).where(eq(revisions.resendState, "sending")),
    db
      .select({ n: count() })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.source, "multimail"), isNull(webhookDeliveries.processedAt))),
  ]);
  return Promise.all([
    jobState(db, "reconciler", e.RECONCILE_INTERVAL_MS, [{ label: "held emails in the queue", count: held?.n ?? 0 }]),
    jobState(db, "outbox", e.OUTBOX_INTERVAL_MS, [
      { label: "decisions waiting for MultiMail", count: undelivered?.n ?? 0 },
      { label: "edits waiting to be re-sent", count: resends?.n ?? 0 },
      { label: "webhooks not yet applied", count: inbox?.n ?? 0 },
    ]),
  ]);
}

async function webhookState(db: Db): Promise<MultiMailStatus["webhook"]> {
  const e = env();
  const [stored, [last], rejected] = await Promise.all([
    readStoredWebhook(db),
    db.select().from(webhookDeliveries).where(eq(webhookDeliveries.source, "multimail")).orderBy(desc(webhookDeliveries.receivedAt)).limit(1),
    lastRejectedWebhook(db),
  ]);
  let secretProblem: string | null = null;
  if (stored && !e.MULTIMAIL_WEBHOOK_SECRET) {
    try {
      await storedWebhookSecret(db);
    } catch (error) {
      secretProblem = error instanceof Error ? error.message : String(error);
    }
  }
  return {
    expectedUrl: ourWebhookUrl(),
    secretSource: e.MULTIMAIL_WEBHOOK_SECRET ? "env" : stored && !secretProblem ? "stored" : "none",
    secretProblem,
    secretsKeySet: Boolean(e.SECRETS_KEY),
    registered: stored ? { id: stored.id, url: stored.url, registeredAt: stored.registeredAt, registeredBy: stored.registeredBy } : null,
    lastReceived: last ? { at: last.receivedAt.toISOString(), eventType: last.eventType, processed: last.processedAt !== null, error: last.error } : null,
    lastRejected: rejected,
  };
}

export async function checkMultiMail(db: Db): Promise<MultiMailStatus> {
  const e = env();
  const missing = [!e.MULTIMAIL_API_URL && "MULTIMAIL_API_URL", !e.MULTIMAIL_OVERSIGHT_KEY && "MULTIMAIL_OVERSIGHT_KEY"].filter((v): v is string => Boolean(v));
  const configured = missing.length === 0;
  const anyKey = e.MULTIMAIL_OVERSIGHT_KEY ?? e.MULTIMAIL_SEND_KEY ?? e.MULTIMAIL_ADMIN_KEY;
  const [healthState, keys, webhook, jobList] = await Promise.all([
    e.MULTIMAIL_API_URL ? health(e.MULTIMAIL_API_URL, anyKey) : Promise.resolve(null),
    e.MULTIMAIL_API_URL ? keyVerdicts() : Promise.resolve([verdictFor("oversight", null), verdictFor("send", null), verdictFor("admin", null)]),
    webhookState(db),
    jobs(db),
  ]);
  const workerReason = !e.BACKGROUND_WORKER
    ? "BACKGROUND_WORKER=off: this instance runs no background jobs."
    : !configured
      ? "MultiMail is not connected, so no background job runs."
      : null;
  return {
    configured,
    apiUrl: e.MULTIMAIL_API_URL ?? null,
    missing,
    health: healthState,
    keys,
    webhook,
    worker: { enabled: workerReason === null, reason: workerReason },
    jobs: jobList,
    checkedAt: new Date().toISOString(),
  };
}
