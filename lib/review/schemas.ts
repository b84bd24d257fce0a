// Client-safe shapes of the review domain: queue filters, DTOs and mutation inputs (zod, no server imports).
import { z } from "zod";
import { queueInboxSchema } from "@/lib/inbox/schemas";
import { queueVoiceSchema } from "@/lib/livekit/schemas";
import { queueStates } from "./queue-states";

export const queueFiltersSchema = z.object({
  state: z.enum(queueStates).catch("pending").default("pending"),
  mailbox: z.string().trim().max(200).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  /** "with": only emails whose evidence checks found something (lib/livekit/item-evidence.ts). */
  findings: z.enum(["with"]).optional().catch(undefined),
  /** "due": held emails by their SLA's due time, soonest first (the Held tab only; lib/review/sla.ts). */
  sort: z.enum(["due"]).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(100).catch(50).default(50),
});
export type QueueFilters = z.infer<typeof queueFiltersSchema>;

export const queueRowSchema = z.object({
  id: z.string(),
  state: z.string(),
  attention: z.string().nullable(),
  mailboxId: z.string(),
  mailboxLabel: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  preview: z.string(),
  heldAt: z.string(),
  sessionId: z.string().nullable(),
  callerEmail: z.string().nullable(),
  callerName: z.string().nullable(),
  transcriptUrl: z.string().nullable(),
  decision: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  delivery: z.enum(["none", "pending", "delivered", "failed", "superseded", "undone"]),
  /** The email the reviewer is shown (the item's current one: a re-sent edit replaces the original). */
  emailId: z.string(),
  /** Who has the email open right now (an unexpired claim), if anyone. */
  claimedBy: z.object({ userId: z.string(), name: z.string(), since: z.string() }).nullable(),
  /** When a decision is due under the mailbox's SLA (null without one), and the SLA's window in minutes (lib/review/sla-status.ts). */
  dueAt: z.string().nullable(),
  slaMinutes: z.number().nullable(),
  /** The email's voice session, transcript and findings (the queue fills it; lib/livekit/data.ts). */
  voice: queueVoiceSchema.optional(),
  /** Who wrote a reply, and whether a newer message or call makes the draft stale (lib/inbox/queue-annotations.ts). */
  inbox: queueInboxSchema.optional(),
});
export type QueueRow = z.infer<typeof queueRowSchema>;

export const queuePageSchema = z.object({
  rows: z.array(queueRowSchema),
  nextCursor: z.string().nullable(),
  /** pending: held for a decision; edited: items with a revision (the Edited tab); resending: edits whose re-send is on its way. */
  /** Each count stops at `limit` + 1 (shown as "10,000+"): counting stays bounded at any queue size. */
  /** overdue: held emails past their SLA's due time; matching: held emails the current filters match (what "select all" takes). */
  counts: z.object({ pending: z.number(), edited: z.number(), resending: z.number(), overdue: z.number(), matching: z.number(), limit: z.number() }),
  mailboxes: z.array(z.object({ id: z.string(), label: z.string() })),
  configured: z.boolean(),
});
export type QueuePage = z.infer<typeof queuePageSchema>;
/** The header's counts (GET /api/queue/counts): held and overdue, each counted up to `limit` + 1. */
export type QueueCounts = Pick<QueuePage["counts"], "pending" | "overdue" | "limit">;

const emailViewSchema = z.object({
  id: z.string(),
  role: z.string(),
  status: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string(),
  markdown: z.string(),
  html: z.string(),
  blockedRemoteContent: z.number(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  tags: z.record(z.string(), z.string()),
  receivedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  bouncedAt: z.string().nullable(),
});
export type EmailView = z.infer<typeof emailViewSchema>;

export const itemDetailSchema = z.object({
  item: queueRowSchema.extend({ rootEmailId: z.string(), currentEmailId: z.string(), decisionReason: z.string().nullable(), version: z.number() }),
  email: emailViewSchema,
  original: emailViewSchema.nullable(),
  session: z.object({
    sessionId: z.string().nullable(),
    roomSid: z.string().nullable(),
    roomName: z.string().nullable(),
    jobId: z.string().nullable(),
    callerEmail: z.string().nullable(),
    callerName: z.string().nullable(),
    callerIdentity: z.string().nullable(),
    transcriptUrl: z.string().nullable(),
    agentName: z.string().nullable(),
    agentNote: z.string().nullable(),
    agentConfidence: z.number().nullable(),
  }),
  revisions: z.array(
    z.object({
      id: z.string(),
      number: z.number(),
      author: z.string(),
      createdAt: z.string(),
      subject: z.string(),
      to: z.array(z.string()),
      cc: z.array(z.string()),
      resendState: z.string(),
      resentEmailId: z.string().nullable(),
      lastError: z.string().nullable(),
      diff: z.array(z.object({ field: z.string(), parts: z.array(z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() })) })),
    }),
  ),
  decisions: z.array(
    z.object({
      id: z.string(),
      emailId: z.string(),
      action: z.string(),
      reason: z.string().nullable(),
      actor: z.string(),
      delivery: z.string(),
      attempts: z.number(),
      lastError: z.string().nullable(),
      createdAt: z.string(),
      deliveredAt: z.string().nullable(),
    }),
  ),
  /** The held emails before and after this one in the queue's order (`k` and `j`). */
  previousItemId: z.string().nullable(),
  nextItemId: z.string().nullable(),
});
export type ItemDetail = z.infer<typeof itemDetailSchema>;

/** GET /api/items/{id}/history: the email's audit entries in words, oldest first. */
export const itemHistorySchema = z.array(
  z.object({ id: z.number(), at: z.string(), actor: z.string(), action: z.string(), emailId: z.string().nullable(), summary: z.string() }),
);
export type ItemHistory = z.infer<typeof itemHistorySchema>;

const addressList = z.array(z.email({ message: "Each recipient must be an email address." })).max(50, "At most 50 recipients (multimail-api.md §2.2).");

export const approveInputSchema = z.object({
  itemId: z.uuid(),
  emailId: z.string().min(1),
  /** The reviewer confirmed a recipient the evidence checks could not match to the caller. */
  confirmRecipient: z.boolean().optional(),
  /** The reviewer saw the contact's newer message or call that makes this draft stale (lib/inbox). */
  acknowledgeStale: z.boolean().optional(),
});
export const rejectInputSchema = approveInputSchema.extend({
  reason: z.string().trim().min(1, "Give a reason for the rejection.").max(1000),
});
/** The body of POST /api/items/{id}/decision (the item is the path's). */
export const decisionBodySchema = z.discriminatedUnion("action", [
  approveInputSchema.omit({ itemId: true }).extend({ action: z.literal("approve") }),
  rejectInputSchema.omit({ itemId: true }).extend({ action: z.literal("reject") }),
]);
export type DecisionBody = z.infer<typeof decisionBodySchema>;
export const editInputSchema = approveInputSchema.extend({
  subject: z.string().trim().min(1, "The subject cannot be empty.").max(998),
  markdown: z
    .string()
    .min(1, "The body cannot be empty.")
    .max(256 * 1024),
  to: addressList.min(1, "Add at least one recipient."),
  cc: addressList.default([]),
});
export type EditInput = z.infer<typeof editInputSchema>;

/** What needs an admin's eye (lib/review/attention-data.ts): each list is the first page of a keyset. */
export const webhookBacklogRowSchema = z.object({
  id: z.string(),
  eventType: z.string(),
  emailId: z.string().nullable(),
  /** The review item of that email, when Countersign has one. */
  itemId: z.string().nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  receivedAt: z.string(),
  nextAttemptAt: z.string(),
});
export type WebhookBacklogRow = z.infer<typeof webhookBacklogRowSchema>;

export const refusedDecisionRowSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  emailId: z.string(),
  subject: z.string(),
  action: z.string(),
  actor: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  decidedAt: z.string(),
  /** The item's state now: `pending` while it waits for a reviewer again. */
  itemState: z.string(),
});
export type RefusedDecisionRow = z.infer<typeof refusedDecisionRowSchema>;

export const attentionItemRowSchema = z.object({
  id: z.string(),
  subject: z.string(),
  attention: z.string(),
  heldAt: z.string(),
  updatedAt: z.string(),
});
export type AttentionItemRow = z.infer<typeof attentionItemRowSchema>;

export interface AttentionList<T> {
  rows: T[];
  nextCursor: string | null;
}
