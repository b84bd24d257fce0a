// Change events reach listeners on commit, on PGlite and PostgreSQL, and PostgreSQL listeners
// survive their connection being cut.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import type { DbHandle } from "@/lib/db/client";
import { CHANNEL, publishChange } from "./events";

describe.each(dbKinds())("change events on %s", (kind) => {
  let handle: DbHandle;
  const received: string[] = [];
  let stop: () => Promise<void>;
  beforeAll(async () => {
    handle = await openTestDb(kind);
    stop = await handle.listen(CHANNEL, (payload) => received.push(payload));
  });
  afterAll(async () => {
    await stop?.();
    await handle?.close();
  });

  it("delivers an event when its transaction commits, and none when it rolls back", async () => {
    await handle.db.transaction(async (tx) => publishChange(tx, { type: "item.updated", itemId: "committed" }));
    await handle.db
      .transaction(async (tx) => {
        await publishChange(tx, { type: "item.updated", itemId: "rolled-back" });
        throw new Error("roll back");
      })
      .catch(() => undefined);
    await expect.poll(() => received.some((p) => p.includes("committed"))).toBe(true);
    expect(received.some((p) => p.includes("rolled-back"))).toBe(false);
  });

  it.runIf(kind === "postgres")("listens again after its connection is cut", async () => {
    await handle.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'LISTEN%' and pid <> pg_backend_pid()`);
    await expect
      .poll(
        async () => {
          await publishChange(handle.db, { type: "item.updated", itemId: "after-cut" });
          return received.some((p) => p.includes("after-cut"));
        },
        { timeout: 10_000, interval: 500 },
      )
      .toBe(true);
  });
});
