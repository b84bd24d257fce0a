// Registering hooks (admins, Settings): a signed JSON hook for chosen events — its secret shown once —
// or a Slack-compatible incoming webhook per mailbox; and the delivery log Settings shows.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { hookAttempts, hookDeliveries, hooks, mailboxes } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { HOOK_EVENTS, type HookDeliveryRow, type HookEvent, type HookRow, type MailboxOption } from "./events";
import { encryptHookSecret, generateHookSecret } from "./secret";
import { checkHookUrl } from "./url";

const MAX_HOOKS = 50;
/** Deliveries per target in the log; attempts per delivery. */
const LOG_DELIVERIES = 20;
const LOG_ATTEMPTS = 10;

export async function createHook(db: Db, input: { url: string; events: HookEvent[]; createdBy: string }): Promise<{ id: string; secret: string }> {
  const url = checkHookUrl(input.url);
  const events = HOOK_EVENTS.filter((e) => input.events.includes(e));
  if (events.length === 0) throw new AppError("validation", "Choose at least one event.");
  const existing = await db.select({ id: hooks.id }).from(hooks).where(eq(hooks.kind, "hook"));
  if (existing.length >= MAX_HOOKS) throw new AppError("validation", `At most ${MAX_HOOKS} hooks: remove one first.`);
  const secret = generateHookSecret();
  const [row] = await db
    .insert(hooks)
    .values({ kind: "hook", url, events, secretEncrypted: await encryptHookSecret(db, secret), createdBy: input.createdBy })
    .returning({ id: hooks.id });
  return { id: row!.id, secret };
}

/** Removes a hook or Slack target with its pending deliveries and log. */
export async function removeHook(db: Db, hookId: string): Promise<void> {
  const [removed] = await db.delete(hooks).where(eq(hooks.id, hookId)).returning({ id: hooks.id });
  if (!removed) throw new AppError("not_found", "This hook was already removed.");
}

/** Sets a mailbox's Slack-compatible incoming webhook URL; an empty URL removes it. */
export async function setSlackTarget(db: Db, input: { mailboxId: string; url: string; createdBy: string }): Promise<{ id: string | null }> {
  const [mailbox] = await db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.id, input.mailboxId));
  if (!mailbox) throw new AppError("not_found", "This mailbox is not known to Countersign.");
  if (!input.url.trim()) {
    await db.delete(hooks).where(and(eq(hooks.kind, "slack"), eq(hooks.mailboxId, input.mailboxId)));
    return { id: null };
  }
  const url = checkHookUrl(input.url);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(hooks)
      .where(and(eq(hooks.kind, "slack"), eq(hooks.mailboxId, input.mailboxId)))
      .for("update");
    if (current) {
      await tx.update(hooks).set({ url, createdBy: input.createdBy }).where(eq(hooks.id, current.id));
      return { id: current.id };
    }
    const [row] = await tx
      .insert(hooks)
      .values({ kind: "slack", url, mailboxId: input.mailboxId, events: ["slack.held", "slack.near_breach"], createdBy: input.createdBy })
      .onConflictDoNothing()
      .returning({ id: hooks.id });
    if (!row) throw new AppError("conflict", "Someone set this mailbox's URL a moment ago. Reload and try again.");
    return { id: row.id };
  });
}

/** Every target with its latest deliveries and their attempts (never a secret). */
export async function listHooks(db: Db): Promise<HookRow[]> {
  const targets = await db.select().from(hooks).orderBy(hooks.createdAt);
  const rows: HookRow[] = [];
  for (const h of targets) {
    const deliveries = await db.select().from(hookDeliveries).where(eq(hookDeliveries.hookId, h.id)).orderBy(desc(hookDeliveries.createdAt)).limit(LOG_DELIVERIES);
    const attempts = deliveries.length
      ? await db
          .select()
          .from(hookAttempts)
          .where(
            inArray(
              hookAttempts.deliveryId,
              deliveries.map((d) => d.id),
            ),
          )
          .orderBy(desc(hookAttempts.attemptedAt))
      : [];
    rows.push({
      id: h.id,
      kind: h.kind === "slack" ? "slack" : "hook",
      url: h.url,
      events: h.events,
      mailboxId: h.mailboxId,
      createdBy: h.createdBy,
      createdAt: h.createdAt.toISOString(),
      deliveries: deliveries.map((d): HookDeliveryRow => ({
        id: d.id,
        event: d.event,
        createdAt: d.createdAt.toISOString(),
        state: d.deliveredAt ? "delivered" : d.failedAt ? "failed" : "retrying",
        attempts: d.attempts,
        nextAttemptAt: d.deliveredAt || d.failedAt ? null : d.nextAttemptAt.toISOString(),
        lastStatus: d.lastStatus,
        lastError: d.lastError,
        log: attempts
          .filter((a) => a.deliveryId === d.id)
          .slice(0, LOG_ATTEMPTS)
          .map((a) => ({ at: a.attemptedAt.toISOString(), status: a.status, error: a.error, durationMs: a.durationMs, manual: a.manual })),
      })),
    });
  }
  return rows;
}

/** The mailboxes a Slack-compatible target can be set for. */
export async function listMailboxOptions(db: Db): Promise<MailboxOption[]> {
  const rows = await db.select().from(mailboxes);
  return rows.map((m) => ({ id: m.id, label: m.displayName ? `${m.displayName} <${m.address}>` : m.address || m.id })).sort((a, b) => a.label.localeCompare(b.label));
}
