// A mailbox's message filters read in the browser without zod: the same answers as
// emailFiltersSchema (schemas.ts), which stays the parser on the server. Junk in the URL falls back.

/** The status filter values MultiMail accepts (multimail-api.md §3; `pending_scan` is not filterable). */
export const filterStatuses = [
  "unread",
  "read",
  "archived",
  "deleted",
  "pending_send_approval",
  "pending_inbound_approval",
  "rejected",
  "cancelled",
  "send_failed",
  "scheduled",
  "spam_flagged",
  "spam_quarantined",
] as const;

export interface EmailFilters {
  direction?: "inbound" | "outbound";
  status?: (typeof filterStatuses)[number];
  sender?: string;
  subject?: string;
  /** Days (UTC), inclusive. */
  after?: string;
  before?: string;
  cursor?: string;
}

const isStatus = (value: string | undefined): value is (typeof filterStatuses)[number] => (filterStatuses as readonly (string | undefined)[]).includes(value);
/** `z.string().trim().max(200).optional().catch(undefined)` */
const text = (value: string | undefined) => (typeof value === "string" && value.trim().length <= 200 ? value.trim() : undefined);
/** `z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined)` */
const day = (value: string | undefined) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

/** Reads `Object.fromEntries(searchParams)`; unknown keys are ignored. */
export function parseEmailFilters(raw: Readonly<Record<string, string | undefined>>): EmailFilters {
  const filters: EmailFilters = {};
  if (raw.direction === "inbound" || raw.direction === "outbound") filters.direction = raw.direction;
  if (isStatus(raw.status)) filters.status = raw.status;
  const sender = text(raw.sender);
  const subject = text(raw.subject);
  const after = day(raw.after);
  const before = day(raw.before);
  const cursor = typeof raw.cursor === "string" && raw.cursor.length <= 500 ? raw.cursor : undefined;
  if (sender !== undefined) filters.sender = sender;
  if (subject !== undefined) filters.subject = subject;
  if (after !== undefined) filters.after = after;
  if (before !== undefined) filters.before = before;
  if (cursor !== undefined) filters.cursor = cursor;
  return filters;
}
