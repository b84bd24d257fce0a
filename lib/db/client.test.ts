// The PostgreSQL pool survives the server ending its idle connections (a restart, a failover, an
// admin's pg_terminate_backend): the next query gets a new connection and nothing crashes.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "@/test/db";
import type { DbHandle } from "./client";

describe.skipIf(!process.env.TEST_DATABASE_URL)("the PostgreSQL pool", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb("postgres");
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("answers the next query after the server terminated its idle connections", async () => {
    await Promise.all([handle.db.execute(sql`select 1`), handle.db.execute(sql`select 2`)]);
    const { Client } = await import("pg");
    const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const [, database] = /\/([^/?]+)(\?|$)/.exec(
      String((handle.db as unknown as { $client: { options: { connectionString: string } } }).$client.options.connectionString),
    )!;
    await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [database]);
    await admin.end();
    await new Promise((r) => setTimeout(r, 200));
    const rows = await handle.db.execute(sql`select 42 as answer`);
    expect(JSON.stringify(rows)).toContain("42");
  });
});

describe("the process-wide database", () => {
  it("tries again after a failed open instead of failing until a restart", async () => {
    const { getDbHandle } = await import("./client");
    const { resetEnvForTests } = await import("@/lib/env");
    const saved = process.env.DATABASE_URL;
    const g = globalThis as { __countersignDb?: unknown };
    const before = g.__countersignDb;
    g.__countersignDb = undefined;
    process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:9/none"; // nothing listens on port 9
    resetEnvForTests();
    try {
      const first = getDbHandle();
      await expect(first).rejects.toThrow();
      const second = getDbHandle();
      expect(second).not.toBe(first);
      await expect(second).rejects.toThrow();
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
      resetEnvForTests();
      g.__countersignDb = before;
    }
  });
});

describe("embedded PGlite", () => {
  it("runs with the small buffer cache, not PGlite's 160 MB default (resident memory of the embedded server)", async () => {
    const { PGLITE_SHARED_BUFFERS } = await import("./client");
    const handle = await openTestDb("pglite");
    try {
      const result = await handle.db.execute(sql`show shared_buffers`);
      expect(JSON.stringify(result)).toContain(`"shared_buffers":"${PGLITE_SHARED_BUFFERS}"`);
    } finally {
      await handle.close();
    }
  });
});
