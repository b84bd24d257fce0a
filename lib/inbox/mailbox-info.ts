// One mailbox's label and oversight mode: from the local list the reconciler keeps, else asked of
// MultiMail (and remembered).
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { mailboxes } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { MultiMailClient } from "@/lib/multimail/client";
import type { Mailbox } from "@/lib/multimail/schemas";
import type { MailboxInfo } from "./schemas";
import { upstream } from "./upstream";

export async function storeMailbox(db: Db, m: Pick<Mailbox, "id" | "address" | "displayName" | "oversightMode">): Promise<void> {
  const row = { address: m.address, displayName: m.displayName, oversightMode: m.oversightMode, syncedAt: new Date() };
  await db
    .insert(mailboxes)
    .values({ id: m.id, ...row })
    .onConflictDoUpdate({ target: mailboxes.id, set: row });
}

export async function findMailbox(db: Db, client: MultiMailClient | null, mailboxId: string): Promise<MailboxInfo> {
  const [known] = await db.select().from(mailboxes).where(eq(mailboxes.id, mailboxId));
  if (known) return { id: known.id, address: known.address, displayName: known.displayName, oversightMode: known.oversightMode };
  if (!client) throw new AppError("not_found", "No such mailbox.");
  const fetched = await upstream(() => client.getMailbox(mailboxId), "MultiMail has no such mailbox.");
  await storeMailbox(db, fetched);
  return { id: fetched.id, address: fetched.address, displayName: fetched.displayName, oversightMode: fetched.oversightMode };
}
