// The fault suite's world: sizes (CI or full), the MultiMail emulator with a webhook receiver, held
// emails, signed webhook ingest through the app, and one-line figures.
import { createMultiMailClient, type MultiMailClient } from "@/lib/multimail/client";
import { ingestMultiMailWebhook, processMultiMailDelivery } from "@/lib/review/ingest-multimail-webhook";
import type { Db } from "@/lib/db/client";
import { reviewItems } from "@/lib/db/schema";
import { startEmulator, type RunningEmulator } from "@/sandbox/multimail/emulator";
import { DEMO_KEYS, DEMO_MAILBOXES, demoEmulatorOptions } from "@/sandbox/multimail/seed";
import { startReceiver, type WebhookReceiver } from "@/sandbox/multimail/test-helpers";

/** `FAULTS_FULL=1` runs the sizes of issue 9; the default fits CI (well under a minute per database). */
export const FULL = process.env.FAULTS_FULL === "1";
/** `FAULTS_STRICT=1` runs the suite against the emulator's strict mode (sandbox/multimail/README.md). */
export const STRICT = process.env.FAULTS_STRICT === "1";
const BASE_SIZES = FULL
  ? { webhooks: 10_000, decisions: 500, killBatch: 20, racedItems: 20, racers: 20 }
  : { webhooks: 1_000, decisions: 100, killBatch: 5, racedItems: 3, racers: 20 };
/** `FAULTS_SIZES="webhooks=200,decisions=50"` overrides single sizes (for a quick local run). */
export const SIZES: typeof BASE_SIZES = {
  ...BASE_SIZES,
  ...Object.fromEntries(
    (process.env.FAULTS_SIZES ?? "")
      .split(",")
      .map((pair) => pair.split("=").map((p) => p.trim()))
      .filter(([name, value]) => name && name in BASE_SIZES && /^\d+$/.test(value ?? ""))
      .map(([name, value]) => [name, Number(value)]),
  ),
};
export const SECRET = "whsec_fault_suite";

export function figure(kind: string, name: string, fields: Record<string, string | number>): void {
  const line = Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  console.log(`[faults] ${kind} ${name}${FULL ? " (full)" : ""}${STRICT ? " (strict)" : ""}: ${line}`);
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T, index);
      }
    }),
  );
  return results;
}

/** Fisher–Yates with a seeded generator, so a failing order can be replayed (the seed is printed). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * A reviewer's decision as `decideEmail` takes it. Approvals confirm the recipient: these emails have no
 * voice session to check the address against, so the server-side recipient gate asks for it. Built as a
 * variable (not a literal at the call) so it type-checks whether or not DecideInput lists the gate answers.
 */
export function decision(itemId: string, action: "approve" | "reject", actor: string) {
  return action === "approve" ? { itemId, action, actor, confirmRecipient: true } : { itemId, action, actor, reason: `Wrong appointment time (${actor})` };
}

export interface DecideCalls {
  calls: { email_id: string | null; status: number; faulted: boolean; applied: boolean }[];
  by_email: Record<string, { calls: number; applied: number; faulted: number }>;
}

export interface SignedHook {
  rawBody: string;
  signature: string;
  emailId: string;
}

export interface World {
  url: string;
  emulator: RunningEmulator;
  receiver: WebhookReceiver;
  /** Oversight key, one attempt per call and a short timeout, as a delivery worker uses it. */
  oversight: MultiMailClient;
  /** Oversight key with patience to spare (the emulator shares a busy event loop), for syncs no fault is aimed at. */
  reader: MultiMailClient;
  control<T = Record<string, unknown>>(path: string, body?: unknown, method?: string): Promise<T>;
  /** Sends `n` emails with the send key and resolves with their ids once each is held and its webhook arrived. */
  sendHeld(n: number, subject: string): Promise<string[]>;
  /** The signed `oversight.pending` deliveries the receiver got for these emails, bytes as sent. */
  pendingHooks(ids: readonly string[]): SignedHook[];
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const receiver = await startReceiver();
  const emulator = await startEmulator({
    ...demoEmulatorOptions({ scanDelayMs: 5 }),
    deliveryDelayMs: 20,
    webhooks: [{ url: receiver.url, secret: SECRET }],
    webhookRetryDelaysMs: [100, 200, 400],
    webhookTimeoutMs: 2_000,
    strict: STRICT,
  });
  const oversight = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.oversight, timeoutMs: 300, maxRetries: 0, retryBaseMs: 5 });
  const reader = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.oversight, timeoutMs: 15_000, maxRetries: 2, retryBaseMs: 20 });

  const control: World["control"] = async (path, body, method) => {
    const res = await fetch(`${emulator.url}/__emulator${path}`, {
      method: method ?? (body === undefined ? "GET" : "POST"),
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as never;
    if (!res.ok) throw new Error(`control ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  const pendingFor = (ids: ReadonlySet<string>) => receiver.received.filter((r) => r.json.event === "oversight.pending" && ids.has(String(r.json.data.email_id)));

  const sendHeld: World["sendHeld"] = async (n, subject) => {
    const ids = await pool(
      Array.from({ length: n }, (_, i) => i),
      16,
      async (i) => {
        const res = await fetch(`${emulator.url}/v1/mailboxes/${DEMO_MAILBOXES.followups}/send`, {
          method: "POST",
          headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
          body: JSON.stringify({
            to: [`caller${i}@example.com`],
            subject: `${subject} ${i}`,
            markdown: `Your appointment is **Tuesday at ${(i % 8) + 9} AM**. Ref AB-${1000 + i}.`,
            // The caller's address matches the recipient, so the recipient check passes without a confirmation.
            metadata: { session_id: `RM_fault_${i}`, caller_email: `caller${i}@example.com` },
          }),
        });
        if (res.status !== 202) throw new Error(`send → ${res.status} ${await res.text()}`);
        return ((await res.json()) as { id: string }).id;
      },
    );
    const wanted = new Set(ids);
    await waitFor(async () => pendingFor(wanted).length >= wanted.size, 30_000 + n * 10, `${n} oversight.pending webhooks`);
    return ids;
  };

  const pendingHooks: World["pendingHooks"] = (ids) =>
    pendingFor(new Set(ids)).map((r) => ({
      rawBody: r.raw,
      signature: String(r.headers["x-multimail-signature"]),
      emailId: String(r.json.data.email_id),
    }));

  return {
    url: emulator.url,
    emulator,
    receiver,
    oversight,
    reader,
    control,
    sendHeld,
    pendingHooks,
    reset: async () => {
      await control("/reset", {});
      receiver.received.length = 0;
    },
    close: async () => {
      await emulator.close();
      await receiver.close();
    },
  };
}

export interface IngestCounts {
  accepted: number;
  duplicate: number;
  ignored: number;
  /** Acknowledged, then the sync failed (or the acknowledgement itself threw). */
  failed: number;
  /** Summed wall time of the acknowledgement part (verify + record) and of the syncs after it. */
  recordMs: number;
  syncMs: number;
}

/** The webhook route's work for each delivery, `concurrency` at a time: verify + record, then sync. */
export async function ingestAll(db: Db, client: MultiMailClient, hooks: readonly SignedHook[], concurrency: number): Promise<IngestCounts> {
  const counts: IngestCounts = { accepted: 0, duplicate: 0, ignored: 0, failed: 0, recordMs: 0, syncMs: 0 };
  await pool(hooks, concurrency, async (hook) => {
    try {
      const started = Date.now();
      const result = await ingestMultiMailWebhook(db, { rawBody: hook.rawBody, signature: hook.signature, secret: SECRET, stripPrefix: false });
      const recorded = Date.now();
      counts.recordMs += recorded - started;
      counts[result.status] += 1;
      if (result.status !== "accepted" || !result.emailId) return;
      await processMultiMailDelivery(db, client, {
        deliveryId: result.deliveryId,
        emailId: result.emailId,
        mailboxId: result.mailboxId,
        threadId: result.threadId,
        kind: result.kind,
      });
      counts.syncMs += Date.now() - recorded;
    } catch (error) {
      counts.failed += 1;
      if (counts.failed <= 3) console.error("[faults] ingest failed:", error);
    }
  });
  return counts;
}

/** Review items per root email, for "exactly one item per held email". */
export async function itemsByEmail(db: Db): Promise<Map<string, { id: string; count: number }>> {
  const rows = await db.select({ id: reviewItems.id, emailId: reviewItems.rootEmailId }).from(reviewItems);
  const out = new Map<string, { id: string; count: number }>();
  for (const row of rows) {
    const seen = out.get(row.emailId);
    out.set(row.emailId, { id: seen?.id ?? row.id, count: (seen?.count ?? 0) + 1 });
  }
  return out;
}
