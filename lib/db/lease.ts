// Named leases in the database so one instance at a time runs a background job (PGlite or PostgreSQL).
import { and, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "./client";
import { leases } from "./schema";

export async function acquireLease(db: Db, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const expiresAt = new Date(Date.now() + ttlMs);
  const rows = await db
    .insert(leases)
    .values({ name, holder, expiresAt })
    .onConflictDoUpdate({
      target: leases.name,
      set: { holder, expiresAt },
      setWhere: or(eq(leases.holder, holder), lt(leases.expiresAt, sql`now()`)),
    })
    .returning({ holder: leases.holder });
  return rows[0]?.holder === holder;
}

export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.delete(leases).where(and(eq(leases.name, name), eq(leases.holder, holder)));
}

/**
 * Runs `work` only while holding the named lease, renewing it every third of its time to live so a
 * pass that outlasts the lease (a slow MultiMail) never overlaps a second instance's. Returns
 * whether this holder ran the work.
 */
export async function runExclusive(db: Db, name: string, holder: string, ttlMs: number, work: () => Promise<unknown>): Promise<boolean> {
  if (!(await acquireLease(db, name, holder, ttlMs))) return false;
  const renew = setInterval(() => void acquireLease(db, name, holder, ttlMs).catch(() => undefined), Math.max(50, ttlMs / 3));
  renew.unref();
  try {
    await work();
    return true;
  } finally {
    clearInterval(renew);
  }
}
