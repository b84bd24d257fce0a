// Fetches one email from the API (the source of truth; webhooks are only hints) and applies it.
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails } from "@/lib/db/schema";
import type { MultiMailClient } from "@/lib/multimail/client";
import { MultiMailError } from "@/lib/multimail/errors";
import { applyEmail, type ApplyOutcome } from "./apply-email";

export async function syncEmail(
  db: Db,
  client: MultiMailClient,
  ref: { emailId: string; mailboxId?: string | null },
): Promise<ApplyOutcome | { kind: "not_found" } | { kind: "mailbox_unknown" }> {
  let mailboxId = ref.mailboxId ?? null;
  if (!mailboxId) {
    const [known] = await db.select({ mailboxId: emails.mailboxId }).from(emails).where(eq(emails.id, ref.emailId));
    mailboxId = known?.mailboxId ?? null;
  }
  if (!mailboxId) {
    // Payloads may omit the mailbox (multimail-api.md §4); the pending list names it.
    const pending = await client.listPending();
    mailboxId = pending.find((p) => p.id === ref.emailId)?.mailboxId ?? null;
  }
  if (!mailboxId) return { kind: "mailbox_unknown" };
  try {
    const email = await client.getEmail(mailboxId, ref.emailId);
    return await applyEmail(db, mailboxId, email);
  } catch (error) {
    if (error instanceof MultiMailError && error.kind === "not_found") return { kind: "not_found" };
    throw error;
  }
}
