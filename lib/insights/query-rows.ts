// Rows of a raw SQL read, on PGlite and node-postgres alike (both drivers answer { rows }).
import "server-only";
import type { SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";

export type Row = Record<string, unknown>;

export async function queryRows(db: Db, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}
