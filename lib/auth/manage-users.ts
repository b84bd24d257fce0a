// Admin changes to accounts: roles, deactivation (which also ends the person's sessions).
import { and, asc, count, eq, ne } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { session, user } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { recordAuthEvent } from "./record-auth-event";
import type { Role } from "./roles";

export async function listUsers(db: Db) {
  return db
    .select({ id: user.id, email: user.email, name: user.name, role: user.role, banned: user.banned, createdAt: user.createdAt })
    .from(user)
    .orderBy(asc(user.email));
}

async function assertAnotherActiveAdmin(db: Db, userId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(user)
    .where(and(eq(user.role, "admin"), eq(user.banned, false), ne(user.id, userId)));
  if ((row?.n ?? 0) === 0) throw new AppError("conflict", "Countersign needs at least one active admin.");
}

export async function setUserRole(db: Db, input: { userId: string; role: Role; by: string }) {
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(user).where(eq(user.id, input.userId)).for("update");
    if (!target) throw new AppError("not_found", "No such user.");
    if (target.role === input.role) return;
    if (target.role === "admin") await assertAnotherActiveAdmin(tx, target.id);
    await tx.update(user).set({ role: input.role, updatedAt: new Date() }).where(eq(user.id, target.id));
    await recordAuthEvent(tx, { action: "user.role_changed", actor: input.by, details: { userId: target.id, email: target.email, from: target.role, to: input.role } });
  });
}

export async function setUserActive(db: Db, input: { userId: string; active: boolean; by: string }) {
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(user).where(eq(user.id, input.userId)).for("update");
    if (!target) throw new AppError("not_found", "No such user.");
    if (!input.active && target.role === "admin") await assertAnotherActiveAdmin(tx, target.id);
    await tx
      .update(user)
      .set({ banned: !input.active, banReason: input.active ? null : `Deactivated by ${input.by}`, updatedAt: new Date() })
      .where(eq(user.id, target.id));
    if (!input.active) await tx.delete(session).where(eq(session.userId, target.id));
    await recordAuthEvent(tx, { action: input.active ? "user.reactivated" : "user.deactivated", actor: input.by, details: { userId: target.id, email: target.email } });
  });
}
