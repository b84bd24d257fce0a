// The queue's URL filters read in the browser without zod: the same answers as queueFiltersSchema
// (schemas.ts), which stays the parser on the server. Junk in the URL falls back, never throws.
import { queueStates } from "./queue-states";
import type { QueueFilters } from "./schemas";

export { queueStates };

type QueueState = (typeof queueStates)[number];

const isQueueState = (value: string | undefined): value is QueueState => (queueStates as readonly (string | undefined)[]).includes(value);

/** Trimmed text of at most 200 characters, else no filter (`.trim().max(200).catch(undefined)`). */
function text(value: string | undefined, trim: boolean): string | undefined {
  if (typeof value !== "string") return undefined;
  const v = trim ? value.trim() : value;
  return v.length <= 200 ? v : undefined;
}

/** `z.coerce.number().int().min(1).max(100).catch(50).default(50)` */
function limit(value: string | undefined): number {
  if (value === undefined) return 50;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 50;
}

/** Reads `Object.fromEntries(searchParams)`; unknown keys are ignored. */
export function parseQueueFilters(raw: Readonly<Record<string, string | undefined>>): QueueFilters {
  const filters: QueueFilters = { state: isQueueState(raw.state) ? raw.state : "pending", limit: limit(raw.limit) };
  const mailbox = text(raw.mailbox, true);
  const q = text(raw.q, true);
  const cursor = text(raw.cursor, false);
  if (mailbox !== undefined) filters.mailbox = mailbox;
  if (q !== undefined) filters.q = q;
  if (cursor !== undefined) filters.cursor = cursor;
  if (raw.findings === "with") filters.findings = "with";
  if (raw.sort === "due") filters.sort = "due";
  return filters;
}
