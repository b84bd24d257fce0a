// What a voice agent puts into its chat context at the start of a call with a returning caller:
// the contact's recent exchanges in compact JSON (snake_case, short previews, no reviewer names),
// plus the same as a few lines of text. Answers GET /api/v1/contacts/{email}/context.
import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { reviewItems } from "@/lib/db/schema";
import { and, eq, inArray } from "drizzle-orm";
import { findStaleHolds } from "./find-stale-holds";
import { getContactTimeline } from "./get-contact-timeline";

const PREVIEW_CHARS = 160;
const RECENT = 10;

export const contactContextSchema = z.object({
  contact: z.object({ email: z.string(), name: z.string().nullable() }),
  generated_at: z.string(),
  open_holds: z.array(z.object({ subject: z.string(), held_since: z.string().nullable(), stale: z.boolean() })),
  recent: z.array(
    z.discriminatedUnion("type", [
      z.object({ type: z.literal("call"), at: z.string().nullable(), ended_at: z.string().nullable(), room_sid: z.string() }),
      z.object({
        type: z.literal("email"),
        direction: z.enum(["inbound", "outbound"]),
        at: z.string().nullable(),
        subject: z.string(),
        preview: z.string().nullable(),
        /** inbound: received | spam; outbound: held | approved | rejected | delivered | bounced | … */
        outcome: z.string(),
        /** Inbound mail nobody has opened yet (its text is not shared until someone reads it). */
        unread: z.boolean().optional(),
      }),
    ]),
  ),
  text: z.string(),
});
export type ContactContext = z.infer<typeof contactContextSchema>;

const clip = (text: string | null) => (text && text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text);
const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") + " UTC" : "date unknown");

export async function buildContactContext(db: Db, address: string, now = new Date()): Promise<ContactContext | null> {
  const timeline = await getContactTimeline(db, address);
  if (!timeline) return null;
  const held = timeline.entries.flatMap((e) => (e.kind === "email" && e.review?.state === "pending" ? [e] : []));
  const heldItems = held.length
    ? await db
        .select()
        .from(reviewItems)
        .where(
          and(
            inArray(
              reviewItems.id,
              held.map((h) => h.review!.itemId),
            ),
            eq(reviewItems.state, "pending"),
          ),
        )
    : [];
  const stale = await findStaleHolds(db, heldItems);
  const openHolds = heldItems.map((i) => ({ subject: i.subject, held_since: i.heldAt.toISOString(), stale: stale.has(i.id) }));

  const recent: ContactContext["recent"] = timeline.entries.slice(0, RECENT).map((e) =>
    e.kind === "session"
      ? { type: "call", at: e.at, ended_at: e.endedAt, room_sid: e.roomSid }
      : {
          type: "email",
          direction: e.direction,
          at: e.at,
          subject: e.subject,
          preview: clip(e.preview),
          outcome: e.outcome,
          ...(e.direction === "inbound" ? { unread: e.status === "unread" } : {}),
        },
  );

  const who = timeline.contact.name ? `${timeline.contact.name} <${timeline.contact.email}>` : timeline.contact.email;
  const calls = timeline.entries.filter((e) => e.kind === "session").length;
  const mails = timeline.entries.length - calls;
  const lines = [`Returning contact: ${who}. ${calls} earlier call${calls === 1 ? "" : "s"}, ${mails} email${mails === 1 ? "" : "s"}.`];
  for (const r of recent.slice(0, 5)) {
    if (r.type === "call") lines.push(`- ${day(r.at)}: phone call.`);
    else if (r.direction === "inbound") lines.push(`- ${day(r.at)}: they emailed “${r.subject}”${r.preview ? `: ${r.preview}` : r.unread ? " (not read yet)" : ""}.`);
    else lines.push(`- ${day(r.at)}: we emailed “${r.subject}” (${r.outcome}).`);
  }
  if (openHolds.length)
    lines.push(
      `Waiting for review: ${openHolds.map((h) => `“${h.subject}”${h.stale ? " (out of date)" : ""}`).join(", ")}. Do not promise what they say until a reviewer approves them.`,
    );

  return {
    contact: { email: timeline.contact.email, name: timeline.contact.name },
    generated_at: now.toISOString(),
    open_holds: openHolds,
    recent,
    text: lines.join("\n"),
  };
}
