// Client-safe shapes of the team inbox: mailbox list, message list filters and pages, threads,
// contacts and their timeline, the queue's stale/author annotations, and mutation inputs (zod).
import { z } from "zod";

import { filterStatuses, type EmailFilters } from "./email-filters";

export { filterStatuses };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const optionalText = z.string().trim().max(200).optional().catch(undefined);

export const emailFiltersSchema: z.ZodType<EmailFilters, Record<string, unknown>> = z.object({
  direction: z.enum(["inbound", "outbound"]).optional().catch(undefined),
  status: z.enum(filterStatuses).optional().catch(undefined),
  sender: optionalText,
  subject: optionalText,
  /** Days (UTC), inclusive. */
  after: day.optional().catch(undefined),
  before: day.optional().catch(undefined),
  cursor: z.string().max(500).optional().catch(undefined),
});
export type { EmailFilters };

export const mailboxInfoSchema = z.object({
  id: z.string(),
  address: z.string(),
  displayName: z.string().nullable(),
  oversightMode: z.string().nullable(),
});
export type MailboxInfo = z.infer<typeof mailboxInfoSchema>;

export const mailboxSummarySchema = mailboxInfoSchema.extend({
  /** Held emails of this mailbox waiting in the queue. */
  held: z.number(),
  /** Unread inbound mail as MultiMail counts it; null when MultiMail could not be asked. */
  unread: z.number().nullable(),
  /** More unread than one page (100) holds. */
  unreadMore: z.boolean(),
});
export type MailboxSummary = z.infer<typeof mailboxSummarySchema>;

export const mailboxListSchema = z.object({
  mailboxes: z.array(mailboxSummarySchema),
  configured: z.boolean(),
  /** Set when MultiMail could not be reached and the list is the last one synced. */
  error: z.string().nullable(),
});
export type MailboxList = z.infer<typeof mailboxListSchema>;

/** The review item a MultiMail email belongs to, when Countersign holds one. */
export const reviewLinkSchema = z.object({
  itemId: z.string(),
  /** The email of the item a reviewer decides now (after an edit, the re-sent one). */
  currentEmailId: z.string(),
  state: z.string(),
  decidedBy: z.string().nullable(),
  decisionReason: z.string().nullable(),
});

export const emailRowSchema = z.object({
  id: z.string(),
  threadId: z.string().nullable(),
  direction: z.string().nullable(),
  status: z.string(),
  from: z.string().nullable(),
  to: z.array(z.string()),
  subject: z.string(),
  receivedAt: z.string().nullable(),
  hasAttachments: z.boolean(),
  deliveredAt: z.string().nullable(),
  bouncedAt: z.string().nullable(),
  bounceType: z.string().nullable(),
  spamVerdict: z.string().nullable(),
  review: reviewLinkSchema.nullable(),
});
export type EmailRow = z.infer<typeof emailRowSchema>;

export const emailPageSchema = z.object({
  mailbox: mailboxInfoSchema,
  rows: z.array(emailRowSchema),
  nextCursor: z.string().nullable(),
});
export type EmailPage = z.infer<typeof emailPageSchema>;

export const messageBodySchema = z.object({
  html: z.string(),
  markdown: z.string(),
  blockedRemoteContent: z.number(),
});

export const threadMessageSchema = emailRowSchema.extend({
  cc: z.array(z.string()),
  attachments: z.array(z.object({ name: z.string(), size: z.number().nullable(), contentType: z.string().nullable() })),
  /** Null while the message is unread: reading it is what marks it read in MultiMail. */
  body: messageBodySchema.nullable(),
  /** The reviewer who wrote this reply in Countersign. */
  writtenBy: z.string().nullable(),
});
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

export const threadViewSchema = z.object({
  mailbox: mailboxInfoSchema,
  threadId: z.string(),
  subject: z.string(),
  participants: z.array(z.string()),
  /** Participants outside the mailbox: the contacts of this thread. */
  contacts: z.array(z.string()),
  lastActivity: z.string().nullable(),
  hasUnansweredInbound: z.boolean(),
  messages: z.array(threadMessageSchema),
  /** The message a reply answers: the newest inbound one, else the newest. */
  replyTo: z.string().nullable(),
});
export type ThreadView = z.infer<typeof threadViewSchema>;

/** What makes a held email stale: a newer customer message or call (DESIGN.md flow 6). */
export const newerActivitySchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("reply"),
    at: z.string(),
    emailId: z.string(),
    mailboxId: z.string(),
    threadId: z.string().nullable(),
    from: z.string(),
    subject: z.string(),
  }),
  z.object({ kind: z.literal("call"), at: z.string(), roomSid: z.string(), caller: z.string() }),
]);
export type NewerActivity = z.infer<typeof newerActivitySchema>;

export const queueInboxSchema = z.object({
  /** A reply written in Countersign: whose words it is. */
  writtenBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  stale: z.object({ draftedAt: z.string(), newer: z.array(newerActivitySchema).min(1) }).nullable(),
});
export type QueueInbox = z.infer<typeof queueInboxSchema>;

export const contactSummarySchema = z.object({
  email: z.string(),
  name: z.string().nullable(),
  lastActivityAt: z.string().nullable(),
});
export type ContactSummary = z.infer<typeof contactSummarySchema>;

export const contactSearchSchema = z.object({ q: z.string(), contacts: z.array(contactSummarySchema) });
export type ContactSearch = z.infer<typeof contactSearchSchema>;

export const timelineEntrySchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("session"),
    at: z.string().nullable(),
    roomSid: z.string(),
    roomName: z.string().nullable(),
    endedAt: z.string().nullable(),
    caller: z.string().nullable(),
    emails: z.number(),
  }),
  z.object({
    kind: z.literal("email"),
    at: z.string().nullable(),
    id: z.string(),
    mailboxId: z.string(),
    threadId: z.string().nullable(),
    direction: z.enum(["inbound", "outbound"]),
    subject: z.string(),
    preview: z.string().nullable(),
    status: z.string(),
    /** held | approved | rejected | delivered | bounced | sent | received | read | cancelled | failed */
    outcome: z.string(),
    deliveredAt: z.string().nullable(),
    bouncedAt: z.string().nullable(),
    review: reviewLinkSchema.nullable(),
    writtenBy: z.string().nullable(),
    roomSid: z.string().nullable(),
  }),
]);
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const contactTimelineSchema = z.object({
  contact: contactSummarySchema,
  entries: z.array(timelineEntrySchema),
});
export type ContactTimeline = z.infer<typeof contactTimelineSchema>;

export const contactAddressSchema = z.string().trim().toLowerCase().pipe(z.email());

export const replyInputSchema = z.object({
  mailboxId: z.string().trim().min(1).max(200),
  /** The email replied to (MultiMail sets the threading headers). */
  emailId: z.string().trim().min(1).max(200),
  markdown: z
    .string()
    .refine((s) => s.trim() !== "", "Write something before sending.")
    .refine((s) => new TextEncoder().encode(s).length <= 256 * 1024, "The reply is over 256 KiB."),
});
export type ReplyInput = z.infer<typeof replyInputSchema>;

export const agentKeyRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type AgentKeyRow = z.infer<typeof agentKeyRowSchema>;

export const createAgentKeyInputSchema = z.object({ name: z.string().trim().min(1, "Name the key after the agent that uses it.").max(80) });
export const revokeAgentKeyInputSchema = z.object({ keyId: z.uuid() });
