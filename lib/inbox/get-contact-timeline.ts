// One timeline per contact (DESIGN.md flow 6): their voice sessions, every email written to them
// (held, approved, rejected, delivered) and every email they sent, newest first.
import "server-only";
import { and, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails, reviewItems } from "@/lib/db/schema";
import { previewOf } from "@/lib/render/preview";
import { addressOf, containsPattern } from "./addresses";
import { sessionsOfContacts } from "./contact-sessions";
import { reviewLinksOf } from "./message-view";
import { writtenByOf } from "./reply-author";
import type { ContactTimeline, TimelineEntry } from "./schemas";

const MAX_EMAILS = 200;
const PREVIEW = 200;

/** The queue's preview of a body, with an ellipsis when it was cut. */
function clipped(markdown: string): string {
  const preview = previewOf(markdown);
  return preview.length >= PREVIEW ? `${preview.slice(0, PREVIEW - 1).trimEnd()}…` : preview;
}
type EmailRow = typeof emails.$inferSelect;

/** What became of an email, in one word a reviewer (or an agent) can read. */
export function outcomeOf(email: Pick<EmailRow, "direction" | "status" | "deliveredAt" | "bouncedAt">, reviewState: string | null): string {
  if (email.direction === "inbound") return email.status.startsWith("spam") ? "spam" : "received";
  if (email.bouncedAt) return "bounced";
  if (email.deliveredAt) return "delivered";
  switch (email.status) {
    case "pending_scan":
    case "pending_send_approval":
      return "held";
    case "rejected":
      return "rejected";
    case "cancelled":
      return "cancelled";
    case "send_failed":
      return "failed";
    case "scheduled":
      return "scheduled";
    case "approved_and_sent":
    case "approved":
      return "approved";
    case "sent":
      return "sent";
  }
  if (reviewState === "approved" || reviewState === "rejected") return reviewState;
  return email.status;
}

export async function getContactTimeline(db: Db, rawAddress: string): Promise<ContactTimeline | null> {
  const address = addressOf(rawAddress);
  if (!address) return null;
  const exact = sql`exists (select 1 from unnest(${emails.toAddresses}) as t(a) where lower(t.a) = ${address} or lower(t.a) like ${`%<${address}>`})`;
  const [callerItems, sessions] = await Promise.all([
    db
      .select()
      .from(reviewItems)
      .where(eq(sql`lower(${reviewItems.callerEmail})`, address)),
    sessionsOfContacts(db, [address]),
  ]);
  const candidates = await db
    .select()
    .from(emails)
    .where(
      or(
        and(eq(emails.direction, "inbound"), ilike(emails.fromAddress, containsPattern(address))),
        and(eq(emails.direction, "outbound"), exact),
        // Emails written for this caller, even to a wrong address (the evidence checks flag those).
        callerItems.length
          ? inArray(
              emails.itemId,
              callerItems.map((i) => i.id),
            )
          : undefined,
      ),
    )
    .limit(MAX_EMAILS);
  const rows = candidates.filter((e) => e.direction !== "inbound" || addressOf(e.fromAddress) === address);
  if (rows.length === 0 && sessions.length === 0) return null;

  const ids = rows.map((r) => r.id);
  const [reviews, writers] = await Promise.all([reviewLinksOf(db, ids), writtenByOf(db, ids)]);
  const items = ids.length
    ? await db
        .select({ id: reviewItems.id, roomSid: reviewItems.roomSid })
        .from(reviewItems)
        .where(inArray(reviewItems.id, [...new Set([...reviews.values()].map((r) => r.itemId))]))
    : [];
  const roomOf = new Map(items.map((i) => [i.id, i.roomSid]));
  const emailsPerRoom = new Map<string, number>();
  for (const i of items) if (i.roomSid) emailsPerRoom.set(i.roomSid, (emailsPerRoom.get(i.roomSid) ?? 0) + 1);

  const entries: TimelineEntry[] = [
    ...sessions.map((s): TimelineEntry => ({
      kind: "session",
      at: s.startedAt?.toISOString() ?? null,
      roomSid: s.roomSid,
      roomName: s.roomName,
      endedAt: s.endedAt?.toISOString() ?? null,
      caller: s.caller,
      emails: emailsPerRoom.get(s.roomSid) ?? 0,
    })),
    ...rows.map((e): TimelineEntry => {
      const review = reviews.get(e.id) ?? null;
      return {
        kind: "email",
        at: e.receivedAt?.toISOString() ?? null,
        id: e.id,
        mailboxId: e.mailboxId,
        threadId: e.threadId,
        direction: e.direction === "inbound" ? "inbound" : "outbound",
        subject: e.subject,
        // An unopened inbound email has no stored body: it is read in the thread, which marks it read.
        preview: e.markdown ? clipped(e.markdown) : null,
        status: e.status,
        outcome: outcomeOf(e, review?.state ?? null),
        deliveredAt: e.deliveredAt?.toISOString() ?? null,
        bouncedAt: e.bouncedAt?.toISOString() ?? null,
        review,
        writtenBy: writers.get(e.id)?.name ?? null,
        roomSid: review ? (roomOf.get(review.itemId) ?? null) : null,
      };
    }),
  ];
  entries.sort((a, b) => (b.at ? Date.parse(b.at) : 0) - (a.at ? Date.parse(a.at) : 0));
  const name = sessions.find((s) => s.caller)?.caller ?? callerItems.find((i) => i.callerName)?.callerName ?? null;
  return { contact: { email: address, name, lastActivityAt: entries.find((e) => e.at)?.at ?? null }, entries };
}
