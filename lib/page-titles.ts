// Tab titles of the pages that show one thing: the email's subject, the mailbox's name, the thread's
// subject, the caller. Only for a signed-in person (the page itself redirects anyone else); any
// miss falls back to the page's kind, never an error.
import "server-only";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { currentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { emails, mailboxes, reviewItems, voiceParticipants, voiceSessions } from "@/lib/db/schema";
import { clipTitle, reviewTitleText } from "@/lib/title-text";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
async function signedIn<T>(read: () => Promise<T | null>): Promise<T | null> {
  if (!(await currentUser())) return null;
  try {
    return await read();
  } catch {
    return null;
  }
}

/** "Review: Your appointment on Tuesday" */
export async function reviewTitle(id: string): Promise<string> {
  const subject = await signedIn(async () => {
    if (!UUID.test(id)) return null;
    const [row] = await (await getDb()).select({ subject: reviewItems.subject }).from(reviewItems).where(eq(reviewItems.id, id));
    return row ? row.subject : null;
  });
  return subject === null ? "Review" : reviewTitleText(subject);
}

/** The mailbox's display name or address. */
export async function mailboxTitle(mailboxId: string): Promise<string> {
  const name = await signedIn(async () => {
    const [row] = await (await getDb()).select({ name: mailboxes.displayName, address: mailboxes.address }).from(mailboxes).where(eq(mailboxes.id, mailboxId));
    return row ? row.name || row.address : null;
  });
  return name ? clipTitle(name) : "Mailbox";
}

/** "Thread: <subject of its first message>" */
export async function threadTitle(threadId: string): Promise<string> {
  const subject = await signedIn(async () => {
    const [row] = await (await getDb()).select({ subject: emails.subject }).from(emails).where(eq(emails.threadId, threadId)).orderBy(asc(emails.receivedAt)).limit(1);
    return row ? row.subject || "(no subject)" : null;
  });
  return subject === null ? "Thread" : `Thread: ${clipTitle(subject)}`;
}

/** "Call with Ada Lovelace", else the room's name. */
export async function sessionTitle(roomSid: string): Promise<string> {
  const who = await signedIn(async () => {
    const db = await getDb();
    const [caller] = await db
      .select({ name: voiceParticipants.name, email: voiceParticipants.contactEmail })
      .from(voiceParticipants)
      .where(and(eq(voiceParticipants.roomSid, roomSid), isNotNull(voiceParticipants.contactEmail)))
      .limit(1);
    if (caller && (caller.name || caller.email)) return `Call with ${caller.name || caller.email}`;
    const [session] = await db.select({ name: voiceSessions.roomName }).from(voiceSessions).where(eq(voiceSessions.roomSid, roomSid));
    return session ? `Call ${session.name ?? roomSid}` : null;
  });
  return who ? clipTitle(who) : "Call";
}
