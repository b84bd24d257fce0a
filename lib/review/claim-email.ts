// Claims: opening a held email leases it to that reviewer (renewed by the page's heartbeat,
// released on leave or when it lapses), so two people do not review the same email unknowingly.
import { and, eq, gt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { claims } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordAuthEvent } from "@/lib/auth/record-auth-event";
import { publishChange } from "@/lib/realtime/events";

export interface Claimant {
  id: string;
  name: string;
}

export type ClaimResult = { status: "claimed"; expiresAt: Date } | { status: "held_by_other"; holder: string; since: Date };

export async function claimItem(db: Db, input: { itemId: string; user: Claimant; takeOver?: boolean }): Promise<ClaimResult> {
  const ttlMs = env().CLAIM_TTL_SECONDS * 1000;
  return db.transaction(async (tx) => {
    const now = new Date();
    const [existing] = await tx.select().from(claims).where(eq(claims.itemId, input.itemId)).for("update");
    const heldByOther = existing && existing.userId !== input.user.id && existing.expiresAt > now;
    if (heldByOther && !input.takeOver) return { status: "held_by_other", holder: existing.userName, since: existing.claimedAt };
    const expiresAt = new Date(now.getTime() + ttlMs);
    const fresh = !existing || existing.userId !== input.user.id || existing.expiresAt <= now;
    await tx
      .insert(claims)
      .values({ itemId: input.itemId, userId: input.user.id, userName: input.user.name, claimedAt: now, expiresAt })
      .onConflictDoUpdate({
        target: claims.itemId,
        set: fresh ? { userId: input.user.id, userName: input.user.name, claimedAt: now, expiresAt } : { expiresAt },
      });
    if (fresh) {
      await recordAuthEvent(tx, {
        action: heldByOther ? "claim.taken_over" : "claim.taken",
        userId: input.user.id,
        itemId: input.itemId,
        details: heldByOther ? { from: existing.userName } : {},
      });
      await publishChange(tx, { type: "item.updated", itemId: input.itemId });
    }
    return { status: "claimed", expiresAt };
  });
}

export async function releaseClaim(db: Db, input: { itemId: string; userId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const released = await tx
      .delete(claims)
      .where(and(eq(claims.itemId, input.itemId), eq(claims.userId, input.userId)))
      .returning({ itemId: claims.itemId });
    if (released.length) {
      await recordAuthEvent(tx, { action: "claim.released", userId: input.userId, itemId: input.itemId });
      await publishChange(tx, { type: "item.updated", itemId: input.itemId });
    }
  });
}

/** Refuses a decision on an email someone else is reviewing right now (unless they took it over). */
export async function assertNotClaimedByOther(db: Db, itemId: string, userId: string): Promise<void> {
  const [claim] = await db
    .select()
    .from(claims)
    .where(and(eq(claims.itemId, itemId), gt(claims.expiresAt, new Date())));
  if (claim && claim.userId !== userId) {
    throw new AppError("conflict", `${claim.userName} is reviewing this email right now. Take it over first if you need to decide it.`, { claimedBy: claim.userName });
  }
}
