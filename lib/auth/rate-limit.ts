// Fixed-window counters in the shared rate_limit table (better-auth keeps its own counters there
// too), so every instance counts together. One atomic upsert per attempt: no read-then-write race.
// Windows stay at or under a minute: better-auth prunes rows older than its longest window (60 s).
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { rateLimit } from "@/lib/db/schema";

export interface Budget {
  max: number;
  windowMs: number;
}

export type Verdict =
  | { allowed: true }
  /** `firstRefusal`: this attempt is the one that ran out the budget (worth recording once). */
  | { allowed: false; retryAfterSeconds: number; firstRefusal: boolean };

/** Counts one attempt against `key`; refused once `max` attempts fall in the current window. */
export async function consumeBudget(db: Db, key: string, budget: Budget, now = Date.now()): Promise<Verdict> {
  const expired = now - budget.windowMs;
  const [row] = await db
    .insert(rateLimit)
    .values({ id: randomUUID(), key, count: 1, lastRequest: now })
    .onConflictDoUpdate({
      target: rateLimit.key,
      // `last_request` holds the start of the window; a finished window starts a new one at 1.
      set: {
        count: sql`case when ${rateLimit.lastRequest} <= ${expired} then 1 else ${rateLimit.count} + 1 end`,
        lastRequest: sql`case when ${rateLimit.lastRequest} <= ${expired} then ${now} else ${rateLimit.lastRequest} end`,
      },
    })
    .returning({ count: rateLimit.count, windowStart: rateLimit.lastRequest });
  if (!row || row.count <= budget.max) return { allowed: true };
  const retryAfterSeconds = Math.max(1, Math.ceil((Number(row.windowStart) + budget.windowMs - now) / 1000));
  return { allowed: false, retryAfterSeconds, firstRefusal: row.count === budget.max + 1 };
}
