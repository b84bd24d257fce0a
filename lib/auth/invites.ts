// Invites: an admin creates a single-use link that expires; accepting it creates the account.
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { invites } from "@/lib/db/schema";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createUserAccount } from "./create-user";
import { recordAuthEvent } from "./record-auth-event";
import type { Role } from "./roles";

const INVITE_TTL_MS = 72 * 3600 * 1000;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createInvite(db: Db, input: { role: Role; email?: string | null; createdBy: string }) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  const email = input.email?.trim().toLowerCase() || null;
  const [row] = await db
    .insert(invites)
    .values({ tokenHash: hashToken(token), email, role: input.role, createdBy: input.createdBy, expiresAt })
    .returning({ id: invites.id });
  await recordAuthEvent(db, { action: "invite.created", actor: input.createdBy, details: { inviteId: row?.id, role: input.role, email } });
  return { id: row!.id, url: `${appUrl()}/invite/${token}`, expiresAt };
}

/** The invite behind a token if it can still be used, else null. */
export async function findUsableInvite(db: Db, token: string) {
  const [row] = await db
    .select()
    .from(invites)
    .where(and(eq(invites.tokenHash, hashToken(token)), isNull(invites.usedAt), gt(invites.expiresAt, new Date())));
  return row ?? null;
}

export async function acceptInvite(db: Db, input: { token: string; email: string; name: string; password: string }) {
  const invite = await findUsableInvite(db, input.token);
  if (!invite) throw new AppError("not_found", "This invite link is invalid, expired or already used. Ask an admin for a new one.");
  const email = input.email.trim().toLowerCase();
  if (invite.email && invite.email !== email) throw new AppError("validation", `This invite is for ${invite.email}.`);
  // Spend the invite first: of two people racing with one link, only one gets an account.
  const spent = await db
    .update(invites)
    .set({ usedAt: new Date(), usedBy: email })
    .where(and(eq(invites.id, invite.id), isNull(invites.usedAt)))
    .returning({ id: invites.id });
  if (spent.length === 0) throw new AppError("conflict", "This invite was just used.");
  try {
    const created = await createUserAccount(db, { email, name: input.name, password: input.password, role: invite.role as Role }, `invite:${invite.createdBy}`);
    await recordAuthEvent(db, { action: "invite.accepted", actor: email, details: { inviteId: invite.id, role: invite.role } });
    return created;
  } catch (error) {
    await db.update(invites).set({ usedAt: null, usedBy: null }).where(eq(invites.id, invite.id));
    throw error;
  }
}

export async function listOpenInvites(db: Db) {
  return db
    .select({ id: invites.id, email: invites.email, role: invites.role, createdBy: invites.createdBy, createdAt: invites.createdAt, expiresAt: invites.expiresAt })
    .from(invites)
    .where(and(isNull(invites.usedAt), gt(invites.expiresAt, new Date())))
    .orderBy(desc(invites.createdAt));
}

export async function revokeInvite(db: Db, input: { inviteId: string; by: string }) {
  const revoked = await db
    .update(invites)
    .set({ expiresAt: new Date(0) })
    .where(and(eq(invites.id, input.inviteId), isNull(invites.usedAt)))
    .returning({ id: invites.id });
  if (revoked.length === 0) throw new AppError("not_found", "No open invite with this id.");
  await recordAuthEvent(db, { action: "invite.revoked", actor: input.by, details: { inviteId: input.inviteId } });
}
