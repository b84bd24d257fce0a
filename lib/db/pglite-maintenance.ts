// What autovacuum does for PostgreSQL, for PGlite: PGlite runs PostgreSQL in single-user mode, which
// has no autovacuum, so its tables were never analyzed (the planner guessed every row count) and
// their visibility maps never set (every index-only scan, such as the queue's capped counts, read the
// heap too). Found timing the queue on PGlite after 2,500 synced webhooks: a search page and the
// header's counts took 169 ms, 26 ms once vacuumed and analyzed. One table at a time, so requests interleave.
import { sql } from "drizzle-orm";
import type { Db } from "./client";

/** VACUUM (ANALYZE) every table of the app's schema; returns the tables done. */
export async function vacuumAnalyzeTables(db: Db): Promise<string[]> {
  const result = await db.execute<{ tablename: string }>(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  const tables = (result as unknown as { rows: { tablename: string }[] }).rows.map((r) => r.tablename);
  for (const table of tables) await db.execute(sql`vacuum (analyze) ${sql.identifier("public")}.${sql.identifier(table)}`);
  return tables;
}
