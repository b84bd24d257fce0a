// Claims and four-eyes on a real database: who may decide a held email.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import type { DbHandle } from "@/lib/db/client";
import { claims, emails, reviewItems, settings } from "@/lib/db/schema";
import { claimItem, releaseClaim } from "./claim-email";
import { decideEmail } from "./decide-email";

async function seedItem(handle: DbHandle, id: string, authoredBy: string | null = null) {
  await handle.db.insert(emails).values({ id, mailboxId: "mb", status: "pending_send_approval", subject: "s", markdown: "m" });
  const [item] = await handle.db
    .insert(reviewItems)
    .values({ rootEmailId: id, currentEmailId: id, mailboxId: "mb", state: "pending", heldAt: new Date(), authoredBy })
    .returning();
  return item!;
}

const ada = { id: "u-ada", name: "Ada" };
const bob = { id: "u-bob", name: "Bob" };

describe.each(dbKinds())("claims on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(kind);
  });
  afterAll(async () => handle?.close());

  it("leases an email to its first reviewer; others see who, and may take it over explicitly", async () => {
    const item = await seedItem(handle, "em-claim-1");
    expect((await claimItem(handle.db, { itemId: item.id, user: ada })).status).toBe("claimed");
    const other = await claimItem(handle.db, { itemId: item.id, user: bob });
    expect(other).toMatchObject({ status: "held_by_other", holder: "Ada" });
    await expect(decideEmail(handle.db, { itemId: item.id, action: "approve", actor: "bob", actorId: bob.id })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("Ada is reviewing"),
    });
    expect((await claimItem(handle.db, { itemId: item.id, user: bob, takeOver: true })).status).toBe("claimed");
    await expect(decideEmail(handle.db, { itemId: item.id, action: "approve", actor: "ada", actorId: ada.id })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("Bob is reviewing"),
    });
    await decideEmail(handle.db, { itemId: item.id, action: "approve", actor: "bob", actorId: bob.id });
  });

  it("a lapsed or released claim no longer blocks anyone", async () => {
    const item = await seedItem(handle, "em-claim-2");
    await claimItem(handle.db, { itemId: item.id, user: ada });
    await handle.db
      .update(claims)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(claims.itemId, item.id));
    expect((await claimItem(handle.db, { itemId: item.id, user: bob })).status).toBe("claimed");
    await releaseClaim(handle.db, { itemId: item.id, userId: bob.id });
    expect(await handle.db.select().from(claims).where(eq(claims.itemId, item.id))).toHaveLength(0);
  });

  it("under four-eyes, the author of an edit cannot approve it but another reviewer can", async () => {
    await handle.db
      .insert(settings)
      .values({ key: "four_eyes", value: "on" })
      .onConflictDoUpdate({ target: settings.key, set: { value: "on" } });
    const item = await seedItem(handle, "em-4eyes", ada.id);
    await expect(decideEmail(handle.db, { itemId: item.id, action: "approve", actor: "ada", actorId: ada.id })).rejects.toMatchObject({ code: "forbidden" });
    await decideEmail(handle.db, { itemId: item.id, action: "approve", actor: "bob", actorId: bob.id });
    await handle.db.update(settings).set({ value: "off" }).where(eq(settings.key, "four_eyes"));
  });
});
