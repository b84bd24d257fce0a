// readAll: the same answers on a pool and inside a transaction, where the reads run one after another.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import type { DbHandle } from "./client";
import { isTransaction, readAll } from "./read-all";

describe.each(dbKinds())("readAll on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("answers in order on the pool and inside a transaction, one read at a time there", async () => {
    const reads = (db: typeof handle.db, log: string[]) =>
      [1, 2, 3].map((n) => async () => {
        log.push(`start ${n}`);
        const rows = await db.execute(sql`select ${n}::int as n`);
        log.push(`end ${n}`);
        return JSON.stringify(rows).includes(String(n));
      });
    expect(isTransaction(handle.db)).toBe(false);
    expect(await readAll(handle.db, reads(handle.db, []))).toEqual([true, true, true]);
    const inside: string[] = [];
    await handle.db.transaction(async (tx) => {
      expect(isTransaction(tx)).toBe(true);
      expect(await readAll(tx, reads(tx, inside))).toEqual([true, true, true]);
    });
    expect(inside).toEqual(["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]);
  });
});
