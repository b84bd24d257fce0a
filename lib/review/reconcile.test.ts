// The reconciler against a backlog in the strict emulator (pending items without metadata, so each
// new email is read whole): a pass does bounded work, never one request per stored item, and the
// backlog drains over the next passes without losing an email.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { emails, reviewItems } from "@/lib/db/schema";
import { createMultiMailClient, type MultiMailClient } from "@/lib/multimail/client";
import { startEmulator } from "@/sandbox/multimail/emulator";
import { DEMO_KEYS, DEMO_MAILBOXES, demoEmulatorOptions } from "@/sandbox/multimail/seed";
import { dbKinds, openTestDb } from "@/test/db";
import { reconcile, relinkDue } from "./reconcile";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const BACKLOG = 300;

describe.each(dbKinds())("reconciler with a backlog on %s", (kind) => {
  let handle: DbHandle;
  let emulator: Emulator;
  let client: MultiMailClient;

  const requestsTo = async (method: string, prefix: string) => {
    const { requests } = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as { requests: { method: string; path: string }[] };
    return requests.filter((r) => r.method === method && r.path.startsWith(prefix)).length;
  };

  beforeAll(async () => {
    [handle, emulator] = await Promise.all([openTestDb(kind), startEmulator({ ...demoEmulatorOptions({ scanDelayMs: 5 }), strict: true })]);
    client = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.oversight, retryBaseMs: 5, maxRetries: 1, timeoutMs: 5_000 });
    for (let start = 0; start < BACKLOG; start += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          fetch(`${emulator.url}/v1/mailboxes/${DEMO_MAILBOXES.followups}/send`, {
            method: "POST",
            headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
            body: JSON.stringify({ to: [`caller${start + i}@example.com`], subject: `Backlog ${start + i}`, markdown: "Thanks for calling." }),
          }),
        ),
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }, 120_000);
  afterAll(async () => {
    await Promise.all([handle?.close(), emulator?.close()]);
  });

  it("bounds each pass and drains the backlog over the next ones", { timeout: 180_000 }, async () => {
    const itemCount = async () => (await handle.db.select({ n: sql<number>`count(*)::int` }).from(reviewItems))[0]!.n;
    const before = await requestsTo("GET", "/v1/mailboxes/");
    const first = await reconcile(handle.db, client, { maxApplies: 100, passBudgetMs: 0, concurrency: 4 });
    expect(first.pending).toBe(BACKLOG);
    expect(first.added).toBe(100);
    // One read per new email at most, plus the mailbox listing: never one per stored item.
    expect((await requestsTo("GET", "/v1/mailboxes/")) - before).toBeLessThanOrEqual(100 + 5);

    let passes = 1;
    while ((await itemCount()) < BACKLOG && passes < 10) {
      await reconcile(handle.db, client, { maxApplies: 100, passBudgetMs: 0, concurrency: 4 });
      passes += 1;
    }
    expect(await itemCount()).toBe(BACKLOG);
    expect(passes).toBe(3);

    // Nothing new: a pass reads nothing again (everything is stored, linked or not yet due a re-read).
    const settled = await requestsTo("GET", "/v1/mailboxes/");
    const idle = await reconcile(handle.db, client, { maxApplies: 100, passBudgetMs: 0, concurrency: 4, relinkAfterMs: 60_000 });
    expect(idle.added).toBe(0);
    expect((await requestsTo("GET", "/v1/mailboxes/")) - settled).toBeLessThanOrEqual(5);
  });

  it("re-reads unlinked held emails less often the longer they wait, not every minute for as long as they are held", async () => {
    const minute = 60_000;
    const at = (msAgo: number) => new Date(Date.now() - msAgo);
    // Held 10 minutes ago, last read 3 minutes ago (7 minutes into its hold): not due for 7 minutes.
    await handle.db.update(reviewItems).set({ heldAt: at(10 * minute) });
    await handle.db.update(emails).set({ syncedAt: at(3 * minute) });
    const before = await requestsTo("GET", "/v1/mailboxes/");
    const quiet = await reconcile(handle.db, client, { maxApplies: 100, passBudgetMs: 0, concurrency: 4 });
    expect(quiet.added).toBe(0);
    expect((await requestsTo("GET", "/v1/mailboxes/")) - before).toBeLessThanOrEqual(5);
    // Last read 8 minutes ago (2 minutes into its hold): due, and read within the pass's bound.
    await handle.db.update(emails).set({ syncedAt: at(8 * minute) });
    const due = await requestsTo("GET", "/v1/mailboxes/");
    await reconcile(handle.db, client, { maxApplies: 100, passBudgetMs: 0, concurrency: 4 });
    const reads = (await requestsTo("GET", "/v1/mailboxes/")) - due;
    expect(reads).toBeGreaterThanOrEqual(100);
    expect(reads).toBeLessThanOrEqual(100 + 5);
    // The rule: at least a minute, at most an hour, otherwise as long as it had been held when last read.
    const k = (heldMsAgo: number, readMsAgo: number) => ({ heldAt: at(heldMsAgo), syncedAt: at(readMsAgo) });
    const now = Date.now();
    expect(relinkDue(k(2 * minute, 1.5 * minute), now, minute, 60 * minute)).toBe(true);
    expect(relinkDue(k(2 * minute, 0.5 * minute), now, minute, 60 * minute)).toBe(false);
    expect(relinkDue(k(3 * 24 * 60 * minute, 61 * minute), now, minute, 60 * minute)).toBe(true);
    expect(relinkDue(k(3 * 24 * 60 * minute, 59 * minute), now, minute, 60 * minute)).toBe(false);
  });

  it("links the session of a held email whose agent tagged it only after the send returned", async () => {
    const [item] = await handle.db
      .select()
      .from(reviewItems)
      .where(sql`${reviewItems.subject} = 'Backlog 7'`);
    expect(item).toMatchObject({ sessionId: null, roomSid: null });
    // Agents tag after the send returns (multimail-api.md §2.3); no webhook says so.
    const tagged = await fetch(`${emulator.url}/v1/mailboxes/${DEMO_MAILBOXES.followups}/emails/${item!.rootEmailId}/tags`, {
      method: "PUT",
      headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
      body: JSON.stringify({ tags: { room_sid: "RM_latetag1", room_name: "call-late" } }),
    });
    expect(tagged.status).toBe(200);
    // An unlinked held email is re-read once it was last read long enough ago (here: at once).
    await reconcile(handle.db, client, { maxApplies: 100, relinkAfterMs: 0, relinkMaxMs: 0 });
    const [after] = await handle.db
      .select()
      .from(reviewItems)
      .where(sql`${reviewItems.id} = ${item!.id}`);
    expect(after).toMatchObject({ roomName: "call-late", sessionId: "RM_latetag1" });
  });
});
