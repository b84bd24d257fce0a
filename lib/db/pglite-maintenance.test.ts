// PGlite has no autovacuum: the worker's pass leaves every table analyzed and its visibility map set.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewItems } from "@/lib/db/schema";
import { openTestDb } from "@/test/db";
import type { DbHandle } from "./client";
import { vacuumAnalyzeTables } from "./pglite-maintenance";

describe("PGlite maintenance", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb("pglite");
  });
  afterAll(async () => {
    await handle?.close();
  });

  const rows = async <T>(query: ReturnType<typeof sql>) => ((await handle.db.execute(query)) as unknown as { rows: T[] }).rows;

  it("analyzes every table and marks written pages all-visible, as autovacuum would", async () => {
    await handle.db.insert(reviewItems).values(
      Array.from({ length: 500 }, (_, i) => ({
        rootEmailId: `em-m${i}`,
        currentEmailId: `em-m${i}`,
        mailboxId: "mb-m",
        state: "pending" as const,
        heldAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      })),
    );
    const stats = () =>
      rows<{ tuples: number; visible: number }>(sql`select reltuples::int as tuples, relallvisible::int as visible from pg_class where relname = 'review_items'`);
    // Never analyzed: PostgreSQL's "unknown" (-1), nothing marked all-visible.
    expect((await stats())[0]).toMatchObject({ tuples: -1, visible: 0 });

    const done = await vacuumAnalyzeTables(handle.db);
    expect(done).toEqual(expect.arrayContaining(["review_items", "emails", "audit_log", "webhook_deliveries"]));
    const [after] = await stats();
    expect(after!.tuples).toBe(500);
    expect(after!.visible).toBeGreaterThan(0);
  });
});
