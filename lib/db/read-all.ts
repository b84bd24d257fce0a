// Independent reads at once on a pool, one after another inside a transaction: a transaction has one
// connection, which cannot run two queries at a time (node-postgres warns today; pg 9 refuses it).
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db } from "./client";

type Results<T extends readonly (() => Promise<unknown>)[]> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };

export function isTransaction(db: Db): boolean {
  return db instanceof PgTransaction;
}

export async function readAll<T extends readonly (() => Promise<unknown>)[]>(db: Db, reads: T): Promise<Results<T>> {
  if (!isTransaction(db)) return (await Promise.all(reads.map((read) => read()))) as Results<T>;
  const out: unknown[] = [];
  for (const read of reads) out.push(await read());
  return out as Results<T>;
}
