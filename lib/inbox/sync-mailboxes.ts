// Keeps the local list of MultiMail mailboxes (labels, oversight modes) in step with the API.
import type { Db } from "@/lib/db/client";
import { mailboxes } from "@/lib/db/schema";
import type { MultiMailClient } from "@/lib/multimail/client";

export async function syncMailboxes(db: Db, client: MultiMailClient): Promise<number> {
  const list = await client.listMailboxes();
  for (const m of list) {
    const row = { address: m.address, displayName: m.displayName, oversightMode: m.oversightMode, syncedAt: new Date() };
    await db.insert(mailboxes).values({ id: m.id, ...row }).onConflictDoUpdate({ target: mailboxes.id, set: row });
  }
  return list.length;
}
