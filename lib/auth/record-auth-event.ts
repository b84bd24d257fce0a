// Writes account events (sign-ins, failures, role changes, invites, claims) to the audit log.
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { auditLog, user } from "@/lib/db/schema";

export type AuthAction =
  | "auth.signed_in"
  | "auth.sign_in_failed"
  | "auth.signed_out"
  | "auth.signed_out_everywhere"
  | "auth.rate_limited"
  | "user.created"
  | "user.role_changed"
  | "user.deactivated"
  | "user.reactivated"
  | "invite.created"
  | "invite.accepted"
  | "invite.revoked"
  | "claim.taken"
  | "claim.taken_over"
  | "claim.released"
  | "settings.changed"
  | "agent_key.created"
  | "agent_key.revoked";

export async function recordAuthEvent(
  db: Db,
  entry: { action: AuthAction; userId?: string | null; actor?: string; itemId?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  let actor = entry.actor;
  if (!actor && entry.userId) {
    const [u] = await db.select({ email: user.email }).from(user).where(eq(user.id, entry.userId));
    actor = u?.email ?? entry.userId;
  }
  await db.insert(auditLog).values({ actor: actor ?? "anonymous", action: entry.action, itemId: entry.itemId ?? null, details: entry.details ?? {} });
}
