// Contacts are the people Countersign has seen by email address: customers who wrote in, recipients
// of agent emails, and callers whose address LiveKit or the agent reported. Searched by address or
// name, most recent activity first. Each source is searched through a trigram index (migration 0014).
import "server-only";
import { and, desc, eq, ilike, isNotNull, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails, mailboxes, reviewItems, voiceParticipants } from "@/lib/db/schema";
import { callerContact } from "@/lib/livekit/caller";
import { addressOf, containsPattern } from "./addresses";
import type { ContactSummary } from "./schemas";

const SCAN = 300;

interface Candidate {
  name: string | null;
  at: Date | null;
}

export async function searchContacts(db: Db, query: string, limit = 30): Promise<ContactSummary[]> {
  const q = query.trim().toLowerCase();
  const like = containsPattern(q);
  const [inbound, outbound, items, participants, own] = await Promise.all([
    db
      .select({ from: emails.fromAddress, at: emails.receivedAt })
      .from(emails)
      .where(and(eq(emails.direction, "inbound"), q ? ilike(emails.fromAddress, like) : undefined))
      .orderBy(desc(emails.receivedAt))
      .limit(SCAN),
    db
      .select({ to: emails.toAddresses, at: emails.receivedAt })
      .from(emails)
      .where(and(eq(emails.direction, "outbound"), q ? sql`countersign_address_list(${emails.toAddresses}) like ${like}` : undefined))
      .orderBy(desc(emails.receivedAt))
      .limit(SCAN),
    db
      .select({ email: reviewItems.callerEmail, name: reviewItems.callerName, at: reviewItems.heldAt })
      .from(reviewItems)
      .where(and(isNotNull(reviewItems.callerEmail), q ? or(ilike(reviewItems.callerEmail, like), ilike(reviewItems.callerName, like)) : undefined))
      .orderBy(desc(reviewItems.heldAt))
      .limit(SCAN),
    db
      .select()
      .from(voiceParticipants)
      // contact_email is the address read from metadata or attributes (lib/livekit/caller.ts), kept on write.
      .where(q ? or(ilike(voiceParticipants.name, like), ilike(voiceParticipants.contactEmail, like)) : undefined)
      .orderBy(desc(voiceParticipants.createdAt))
      .limit(SCAN),
    db.select({ address: mailboxes.address }).from(mailboxes),
  ]);

  const found = new Map<string, Candidate>();
  const add = (raw: string | null | undefined, name: string | null, at: Date | null) => {
    const address = addressOf(raw);
    if (!address) return;
    const seen = found.get(address);
    if (!seen) return void found.set(address, { name, at });
    seen.name ??= name;
    if (at && (!seen.at || at > seen.at)) seen.at = at;
  };
  // Names first from what people said of themselves on calls, then what the agent recorded.
  for (const p of participants) {
    const contact = callerContact(p);
    if (contact.email && p.kind.toUpperCase() !== "AGENT") add(contact.email, contact.name, p.joinedAt ?? p.createdAt);
  }
  for (const i of items) add(i.email, i.name, i.at);
  for (const e of inbound) add(e.from, null, e.at);
  for (const e of outbound) for (const to of e.to) add(to, null, e.at);

  const ours = new Set(own.map((m) => m.address.toLowerCase()));
  return [...found.entries()]
    .filter(([address, c]) => !ours.has(address) && (!q || address.includes(q) || (c.name?.toLowerCase().includes(q) ?? false)))
    .sort(([, a], [, b]) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0))
    .slice(0, limit)
    .map(([email, c]) => ({ email, name: c.name, lastActivityAt: c.at?.toISOString() ?? null }));
}
