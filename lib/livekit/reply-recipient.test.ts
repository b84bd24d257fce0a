// A reply a reviewer wrote in a thread has no call behind it: its recipient needs no confirmation,
// while an agent's email with no call still does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import type { DbHandle } from "@/lib/db/client";
import { emails, reviewItems } from "@/lib/db/schema";
import { evaluateItem, needsRecipientConfirmation } from "./item-evidence";

async function seed(handle: DbHandle, id: string, options: { authoredBy: string | null; metadata: Record<string, unknown> | null }) {
  await handle.db.insert(emails).values({
    id,
    mailboxId: "mb",
    status: "pending_send_approval",
    subject: "Re: your estimate",
    markdown: "Thanks, we will call you.",
    toAddresses: ["james@example.net"],
    metadata: options.metadata,
  });
  const [item] = await handle.db
    .insert(reviewItems)
    .values({ rootEmailId: id, currentEmailId: id, mailboxId: "mb", state: "pending", heldAt: new Date(), authoredBy: options.authoredBy })
    .returning();
  return item!;
}

describe.each(dbKinds())("recipient of a reviewer's reply on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(kind);
  });
  afterAll(async () => handle?.close());

  it("needs no confirmation for a reviewer's reply in a thread", async () => {
    const item = await seed(handle, "em-reply-1", { authoredBy: "u-rita", metadata: { countersign_reply_id: "r-1", countersign_author_id: "u-rita" } });
    const evaluation = await evaluateItem(handle.db, item.id);
    expect(needsRecipientConfirmation(evaluation!.report)).toBe(false);
    expect(evaluation!.report.findings.find((f) => f.kind === "recipient")?.status).toBe("info");
  });

  it("still needs confirmation for an agent's email with no call, even if it claims a reply id", async () => {
    const item = await seed(handle, "em-reply-2", { authoredBy: null, metadata: { countersign_reply_id: "forged" } });
    const evaluation = await evaluateItem(handle.db, item.id);
    expect(needsRecipientConfirmation(evaluation!.report)).toBe(true);
  });
});
