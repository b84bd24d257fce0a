// The PGlite client drizzle gets reads every value as the plain client with drizzle's per-query
// parsers does, without those parsers travelling with each statement; and it lets the event loop
// turn between statements, in transactions too.
import { PGlite, type QueryOptions } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countTurns } from "@/test/event-loop";
import { DRIZZLE_TEXT_TYPES, drizzleClient } from "./pglite-client";

const VALUES = sql`select
  timestamptz '2026-03-04 05:06:07.089+02' as at, timestamp '2026-03-04 05:06:07' as local, date '2026-03-04' as day,
  interval '1 day 2 hours' as span, array[1.5, 2]::numeric[] as amounts, array[timestamptz '2026-03-04 05:06:07+00'] as ats,
  array[timestamp '2026-03-04 05:06:07'] as locals, array[interval '3 minutes'] as spans, array[date '2026-03-04'] as days,
  12345678901234::int8 as big, 1.25::numeric as amount, '{"a": [1, "b"]}'::jsonb as doc, array['x', 'y'] as words,
  true as flag, null::timestamptz as nothing`;

describe("drizzle on PGlite without per-query parsers", () => {
  let plain: PGlite;
  let client: PGlite;
  const seen: (QueryOptions | undefined)[] = [];

  beforeAll(async () => {
    plain = await PGlite.create();
    client = await PGlite.create();
    // What drizzle hands the client it is given, recorded under the wrapper.
    const original = client.query.bind(client);
    client.query = ((text: string, params?: unknown[], options?: QueryOptions) => {
      seen.push(options);
      return original(text, params, options);
    }) as PGlite["query"];
  });
  afterAll(async () => {
    await plain.close();
    await client.close();
  });

  it("reads every type as drizzle's own parsers do, in and out of a transaction", async () => {
    const expected = await drizzle({ client: plain }).execute(VALUES);
    const db = drizzle({ client: drizzleClient(client) });
    const rows = await db.execute(VALUES);
    expect(rows.rows).toEqual(expected.rows);
    expect(rows.rows[0]).toMatchObject({ at: expect.any(String), day: "2026-03-04", span: "1 day 02:00:00", doc: { a: [1, "b"] }, words: ["x", "y"] });
    const inTransaction = await db.transaction(async (tx) => {
      const nested = await tx.transaction(async (inner) => inner.execute(VALUES));
      return [await tx.execute(VALUES), nested];
    });
    for (const result of inTransaction) expect(result.rows).toEqual(expected.rows);
  });

  it("sends none of drizzle's parsers with a query, and no parser of drizzle's is left out", async () => {
    seen.length = 0;
    await drizzle({ client: drizzleClient(client) }).execute(sql`select now() as at`);
    expect(seen.length).toBeGreaterThan(0);
    for (const options of seen) expect(options?.parsers).toBeUndefined();
    // drizzle's own configuration: a parser it adds in a later version and is not installed would travel again (and this fails).
    const recorded: QueryOptions[] = [];
    const spy = new Proxy(plain, {
      get: (obj, key) =>
        key === "query"
          ? (text: string, params?: unknown[], options?: QueryOptions) => {
              if (options) recorded.push(options);
              return obj.query(text, params, options);
            }
          : (Reflect.get(obj, key, obj) as unknown),
    });
    await drizzle({ client: spy }).execute(sql`select 1`);
    const drizzleTypes = recorded.flatMap((o) => Object.keys(o.parsers ?? {}).map(Number));
    expect(drizzleTypes.length).toBeGreaterThan(0);
    expect(DRIZZLE_TEXT_TYPES).toEqual(expect.arrayContaining(drizzleTypes));
  });

  it("passes through a query whose parsers include one it did not install", async () => {
    const wrapped = drizzleClient(client);
    const result = await wrapped.query<{ n: unknown; at: unknown }>("select 7::int4 as n, timestamptz '2026-01-01 00:00:00+00' as at", [], {
      parsers: { 23: (value: string) => `int ${value}`, 1184: (value: string) => `at ${value}` },
    });
    expect(result.rows[0]).toEqual({ n: "int 7", at: "at 2026-01-01 00:00:00+00" });
  });

  it("lets timers and sockets in between the statements of a transaction", async () => {
    const db = drizzle({ client: drizzleClient(client) });
    const served: number[] = [];
    const outside = await db.transaction(async (tx) => {
      const started = Date.now();
      // Stands for a request waiting: served on the next turn of the event loop.
      setImmediate(() => served.push(Date.now() - started));
      for (let i = 0; i < 5; i += 1) await tx.execute(sql`select ${i}::int as i`);
      return served.length;
    });
    expect(outside).toBe(1);
    // And without a transaction: each statement on its own turn.
    const loop = countTurns();
    const seenAt: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await db.execute(sql`select 1`);
      seenAt.push(loop.turns());
    }
    loop.stop();
    expect(new Set(seenAt).size).toBe(5);
  });
});
