// Keeps the local list of MultiMail mailboxes (labels, oversight modes) in step with the API, and
// catches up on inbound mail whose webhook was lost (the reconciler calls this every pass).
import type { Db } from "@/lib/db/client";
import type { MultiMailClient } from "@/lib/multimail/client";
import { logger } from "@/lib/logger";
import { storeMailbox } from "./mailbox-info";
import { syncRecentInbound } from "./sync-inbound-email";

const log = logger.child({ scope: "sync-mailboxes" });

export async function syncMailboxes(db: Db, client: MultiMailClient): Promise<number> {
  const list = await client.listMailboxes();
  for (const m of list) await storeMailbox(db, m);
  for (const m of list) {
    await syncRecentInbound(db, client, m).catch((error: unknown) => log.warn({ err: error, mailboxId: m.id }, "could not list inbound mail"));
  }
  return list.length;
}
