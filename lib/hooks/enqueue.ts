// The outbox of downstream notifications. Every call takes the transaction of the change that causes
// the event, so a change that rolls back sends nothing and a committed one is delivered even if the
// process dies right after (the worker's hook pass, lib/hooks/deliver.ts).
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { appUrl } from "@/lib/env";
import type { HookEvent, SlackEvent } from "./events";

/**
 * Queues `event` for every registered hook that listens to it. Returns how many deliveries were queued.
 * `notBefore` holds them back, e.g. while a decision can still be undone.
 */
export async function enqueueHookEvent(tx: Db, event: HookEvent, payload: Record<string, unknown>, options: { notBefore?: Date | null } = {}): Promise<number> {
  const notBefore = (options.notBefore ?? new Date()).toISOString();
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
    insert into hook_deliveries (hook_id, event, payload, next_attempt_at)
    select id, ${event}, ${JSON.stringify(payload)}::jsonb, ${notBefore}::timestamptz from hooks
    where kind = 'hook' and ${event} = any(events)
    returning id`),
  );
  return rows.length;
}

/** The link to an item's review page, from the deployment's public URL (APP_URL). */
export function reviewUrl(itemId: string): string {
  return `${appUrl()}/emails/${encodeURIComponent(itemId)}`;
}

/** What a hook receives about a review item: enough to update a CRM without calling back. */
export interface ItemPayloadSource {
  id: string;
  currentEmailId: string;
  rootEmailId: string;
  mailboxId: string;
  subject: string;
  fromAddress: string;
  toAddresses: string[];
  state: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  sessionId?: string | null;
  callerEmail?: string | null;
}

export function itemHookPayload(item: ItemPayloadSource, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    itemId: item.id,
    emailId: item.currentEmailId,
    originalEmailId: item.rootEmailId,
    mailboxId: item.mailboxId,
    subject: item.subject,
    from: item.fromAddress,
    to: item.toAddresses,
    state: item.state,
    decidedBy: item.decidedBy,
    decidedAt: item.decidedAt?.toISOString() ?? null,
    reason: item.decisionReason,
    sessionId: item.sessionId ?? null,
    callerEmail: item.callerEmail ?? null,
    reviewUrl: reviewUrl(item.id),
    ...extra,
  };
}

/** The lifecycle's move, as far as hooks care (lib/review/lifecycle.ts ItemEvent and TransitionResult). */
export interface TransitionForHooks {
  event: { type: string; outcome?: string; revision?: unknown };
  item: ItemPayloadSource;
  to: string;
  decisionId?: string;
  /** A reviewer's decision waits this long for an undo; its hook event waits as long. */
  undoUntil?: Date | null;
  revision?: { id: string; number: number };
}

/** An undone decision: its hook events that have not gone out yet are dropped. */
export async function cancelItemHookEvents(tx: Db, itemId: string): Promise<number> {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
    delete from hook_deliveries
    where payload->>'itemId' = ${itemId} and event in ('item.approved', 'item.rejected', 'item.edited')
      and delivered_at is null and failed_at is null and attempts = 0
    returning id`),
  );
  return rows.length;
}

/**
 * Queues the hook event of one lifecycle move, if it has one: a reviewer's approve, reject or edit,
 * an edit's re-send approved automatically, or a decision made in MultiMail's own UI. A reviewer's
 * decision is held back for its undo period, and an undo drops what has not gone out.
 */
export async function enqueueTransitionHooks(tx: Db, move: TransitionForHooks): Promise<number> {
  const { event, item, to } = move;
  const base = { decisionId: move.decisionId ?? null };
  const wait = { notBefore: move.undoUntil ?? null };
  switch (event.type) {
    case "approve":
      return enqueueHookEvent(tx, "item.approved", itemHookPayload(item, { ...base, automatic: false, decidedIn: "countersign" }), wait);
    case "reject":
      return enqueueHookEvent(tx, "item.rejected", itemHookPayload(item, { ...base, decidedIn: "countersign" }), wait);
    case "edit":
      return enqueueHookEvent(tx, "item.edited", itemHookPayload(item, { ...base, revision: move.revision?.number ?? null, decidedIn: "countersign" }), wait);
    case "undo":
      await cancelItemHookEvents(tx, item.id);
      return 0;
    case "resend_matched":
      if (to !== "approved") return 0; // four-eyes: back to a second reviewer, not approved yet
      return enqueueHookEvent(tx, "item.approved", itemHookPayload(item, { ...base, automatic: true, decidedIn: "countersign" }));
    case "decided_elsewhere":
      return enqueueHookEvent(
        tx,
        event.outcome === "approved" ? "item.approved" : "item.rejected",
        itemHookPayload(item, { ...base, automatic: false, decidedIn: "multimail", outcome: event.outcome ?? null }),
      );
    default:
      return 0;
  }
}

/** Slack's mrkdwn needs only these three escaped. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Queues a `{ "text": … }` post for the Slack-compatible target of a mailbox, if it has one. A
 * `dedupeKey` makes it once per target (a near breach is announced once per email).
 */
export async function enqueueSlackMessage(tx: Db, input: { mailboxId: string; event: SlackEvent; text: string; itemId?: string; dedupeKey?: string }): Promise<number> {
  const payload = { text: input.text, itemId: input.itemId ?? null, mailboxId: input.mailboxId };
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
    insert into hook_deliveries (hook_id, event, payload, dedupe_key)
    select id, ${input.event}, ${JSON.stringify(payload)}::jsonb, ${input.dedupeKey ?? null} from hooks
    where kind = 'slack' and mailbox_id = ${input.mailboxId}
    on conflict do nothing
    returning id`),
  );
  return rows.length;
}

/** The mailbox's name for a Slack message, or null when it has no Slack-compatible target (nothing to post). */
async function slackMailboxLabel(tx: Db, mailboxId: string): Promise<string | null> {
  const [row] = rowsOf<{ address: string | null; display_name: string | null }>(
    await tx.execute(sql`
    select m.address, m.display_name from hooks h left join mailboxes m on m.id = h.mailbox_id
    where h.kind = 'slack' and h.mailbox_id = ${mailboxId} limit 1`),
  );
  if (!row) return null;
  return row.display_name || row.address || mailboxId;
}

/** A new held email, for its mailbox's Slack-compatible target. */
export async function enqueueSlackHeld(tx: Db, item: { id: string; mailboxId: string; subject: string; toAddresses: string[] }): Promise<number> {
  const mailbox = await slackMailboxLabel(tx, item.mailboxId);
  if (mailbox === null) return 0;
  const to = item.toAddresses.length ? ` to ${item.toAddresses.join(", ")}` : "";
  const text = `New held email in ${slackEscape(mailbox)}: “${slackEscape(item.subject || "(no subject)")}”${slackEscape(to)}. <${reviewUrl(item.id)}|Review it>`;
  return enqueueSlackMessage(tx, { mailboxId: item.mailboxId, event: "slack.held", text, itemId: item.id, dedupeKey: `held:${item.id}` });
}

/** A held email close to its mailbox's SLA, once per email. */
export async function enqueueSlackNearBreach(tx: Db, item: { id: string; mailboxId: string; subject: string; dueAt: Date }, now = new Date()): Promise<number> {
  const mailbox = await slackMailboxLabel(tx, item.mailboxId);
  if (mailbox === null) return 0;
  const minutes = Math.max(0, Math.round((item.dueAt.getTime() - now.getTime()) / 60_000));
  const text = `Due in ${minutes} min in ${slackEscape(mailbox)}: “${slackEscape(item.subject || "(no subject)")}” is still waiting for a decision. <${reviewUrl(item.id)}|Review it>`;
  return enqueueSlackMessage(tx, { mailboxId: item.mailboxId, event: "slack.near_breach", text, itemId: item.id, dedupeKey: `near_breach:${item.id}` });
}

/** Rows of a raw statement: PGlite and node-postgres both answer `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
