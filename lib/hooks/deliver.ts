// Delivers the hook outbox: POST JSON, signed, to each target; 5 s to answer; a 2xx is delivered,
// anything else is retried with exponential backoff for a day, then marked failed (an admin can
// re-send). Every attempt is logged (hook_attempts). A short claim stops two workers sending the
// same row at once; a crash mid-send leaves the row to be retried once the claim lapses.
import { and, asc, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { hookAttempts, hookDeliveries, hooks } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { decryptHookSecret, signHookBody } from "./secret";

export const HOOK_TIMEOUT_MS = 5_000;
/** Longer than one attempt (the 5 s timeout and the bookkeeping around it). */
const CLAIM_MS = 30_000;
/** Retries stop this long after a round began (the event, or an admin's re-send). */
export const RETRY_WINDOW_MS = 24 * 60 * 60_000;
const MAX_BACKOFF_MS = 4 * 60 * 60_000;
const ERROR_MAX = 500;

/** 10 s, 20 s, 40 s … doubling up to 4 h between attempts. */
export function hookBackoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 10_000 * 2 ** Math.max(0, attempts - 1));
}

export type AttemptResult = "delivered" | "retrying" | "failed" | "busy";

interface DeliverOptions {
  timeoutMs?: number;
  manual?: boolean;
}

/** The exact bytes a target receives. A Slack-compatible target gets `{ "text": … }` only. */
export function deliveryBody(kind: string, delivery: { id: string; event: string; payload: Record<string, unknown>; createdAt: Date }): string {
  if (kind === "slack") return JSON.stringify({ text: String(delivery.payload.text ?? "") });
  return JSON.stringify({ id: delivery.id, event: delivery.event, createdAt: delivery.createdAt.toISOString(), data: delivery.payload });
}

/** One attempt of one delivery. */
export async function attemptHookDelivery(db: Db, deliveryId: string, options: DeliverOptions = {}): Promise<AttemptResult> {
  const now = new Date();
  const [claimed] = await db
    .update(hookDeliveries)
    .set({ lockedUntil: new Date(now.getTime() + CLAIM_MS), attempts: sql`${hookDeliveries.attempts} + 1` })
    .where(
      and(
        eq(hookDeliveries.id, deliveryId),
        isNull(hookDeliveries.deliveredAt),
        isNull(hookDeliveries.failedAt),
        or(isNull(hookDeliveries.lockedUntil), lt(hookDeliveries.lockedUntil, now)),
      ),
    )
    .returning();
  if (!claimed) return "busy";
  const [hook] = await db.select().from(hooks).where(eq(hooks.id, claimed.hookId));
  if (!hook) return "busy"; // removed meanwhile: its deliveries go with it

  const started = Date.now();
  let status: number | null = null;
  let error: string | null = null;
  try {
    const body = deliveryBody(hook.kind, claimed);
    const timestamp = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "Countersign-Hooks/1",
      "x-countersign-event": claimed.event,
      "x-countersign-delivery": claimed.id,
      "x-countersign-timestamp": String(timestamp),
    };
    if (hook.kind === "hook") {
      const secret = hook.secretEncrypted ? await decryptHookSecret(db, hook.secretEncrypted) : null;
      if (!secret) throw new Error("The hook's signing secret cannot be read (was AUTH_SECRET changed?). Remove the hook and register it again.");
      headers["x-countersign-signature"] = signHookBody(secret, timestamp, body);
    }
    const signal = AbortSignal.timeout(options.timeoutMs ?? HOOK_TIMEOUT_MS);
    // No redirects: a target answers itself (a 3xx is a failure worth seeing in the log).
    const response = await fetch(hook.url, { method: "POST", headers, body, redirect: "manual", signal });
    status = response.status;
    const text = await response.text().catch(() => "");
    if (status < 200 || status >= 300) error = `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ""}`;
  } catch (caught) {
    error = describeFetchError(caught, options.timeoutMs ?? HOOK_TIMEOUT_MS);
  }
  const durationMs = Date.now() - started;
  const done = new Date();
  const delivered = error === null;
  const next = new Date(done.getTime() + hookBackoffMs(claimed.attempts));
  const givesUp = !delivered && next.getTime() > claimed.roundStartedAt.getTime() + RETRY_WINDOW_MS;
  await db.transaction(async (tx) => {
    await tx
      .insert(hookAttempts)
      .values({ deliveryId: claimed.id, attemptedAt: done, status, error: error?.slice(0, ERROR_MAX) ?? null, durationMs, manual: options.manual ?? false });
    await tx
      .update(hookDeliveries)
      .set(
        delivered
          ? { deliveredAt: done, lastStatus: status, lastError: null, lockedUntil: null }
          : { lastStatus: status, lastError: error?.slice(0, ERROR_MAX) ?? null, lockedUntil: null, nextAttemptAt: next, failedAt: givesUp ? done : null },
      )
      .where(eq(hookDeliveries.id, claimed.id));
  });
  return delivered ? "delivered" : givesUp ? "failed" : "retrying";
}

function describeFetchError(caught: unknown, timeoutMs: number): string {
  if (caught instanceof Error) {
    if (caught.name === "TimeoutError" || caught.name === "AbortError") return `No answer within ${timeoutMs / 1000} s`;
    const cause = (caught as Error & { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code) return `${caught.message} (${cause.code})`;
    return caught.message;
  }
  return String(caught);
}

/** One pass over the due deliveries, oldest first. */
export async function deliverDueHooks(db: Db, options: DeliverOptions & { batch?: number } = {}): Promise<Record<AttemptResult, number>> {
  const now = new Date();
  const due = await db
    .select({ id: hookDeliveries.id })
    .from(hookDeliveries)
    .where(
      and(
        isNull(hookDeliveries.deliveredAt),
        isNull(hookDeliveries.failedAt),
        lte(hookDeliveries.nextAttemptAt, now),
        or(isNull(hookDeliveries.lockedUntil), lt(hookDeliveries.lockedUntil, now)),
      ),
    )
    .orderBy(asc(hookDeliveries.nextAttemptAt))
    .limit(options.batch ?? 50);
  const counts: Record<AttemptResult, number> = { delivered: 0, retrying: 0, failed: 0, busy: 0 };
  // A few at a time: one slow target does not hold up the others for the whole batch.
  for (let i = 0; i < due.length; i += 5) {
    const results = await Promise.all(due.slice(i, i + 5).map((d) => attemptHookDelivery(db, d.id, options)));
    for (const r of results) counts[r] += 1;
  }
  return counts;
}

/**
 * An admin's re-send: a new round of attempts for a delivery (delivered, failed or waiting), the
 * first one now. The delivery keeps its id, so a receiver that already has it can tell.
 */
export async function resendHookDelivery(db: Db, deliveryId: string, options: DeliverOptions = {}): Promise<AttemptResult> {
  const now = new Date();
  const [reset] = await db
    .update(hookDeliveries)
    .set({ attempts: 0, roundStartedAt: now, nextAttemptAt: now, deliveredAt: null, failedAt: null })
    .where(and(eq(hookDeliveries.id, deliveryId), or(isNull(hookDeliveries.lockedUntil), lt(hookDeliveries.lockedUntil, now))))
    .returning({ id: hookDeliveries.id });
  if (!reset) {
    const [exists] = await db.select({ id: hookDeliveries.id }).from(hookDeliveries).where(eq(hookDeliveries.id, deliveryId));
    if (!exists) throw new AppError("not_found", "No such delivery (its hook may have been removed).");
    throw new AppError("conflict", "This delivery is being sent right now. Look again in a few seconds.");
  }
  return attemptHookDelivery(db, deliveryId, { ...options, manual: true });
}
