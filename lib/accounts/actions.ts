"use server";
// Server Actions of accounts: first-run setup, accepting an invite, and admin user management. They live
// outside lib/auth because they are the edge that uses lib/http's action wrapper, which itself reads lib/auth.
import { eq } from "drizzle-orm";
import { headers } from "next/headers";
import { z } from "zod";
import { MAX_UNDO_GRACE_SECONDS, UNDO_GRACE_KEY } from "@/lib/review/undo-grace";
import { getDb } from "@/lib/db/client";
import { settings } from "@/lib/db/schema";
import { AppError, toErrorBody } from "@/lib/errors";
import { defineAction } from "@/lib/http/action";
import type { ActionResult } from "@/lib/http/action-result";
import { getAuth } from "@/lib/auth/auth";
import { createUserAccount } from "@/lib/auth/create-user";
import { acceptInvite, createInvite, revokeInvite } from "@/lib/auth/invites";
import { setUserActive, setUserRole } from "@/lib/auth/manage-users";
import { recordAuthEvent } from "@/lib/auth/record-auth-event";
import { roleSchema } from "@/lib/auth/roles";
import { actorLabel, hasAnyUser } from "@/lib/auth/session";

const newAccountSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100),
  email: z.email("Enter a valid email address."),
  password: z.string().min(10, "Use at least 10 characters.").max(256),
});

async function signIn(email: string, password: string) {
  await (await getAuth()).api.signInEmail({ body: { email, password }, headers: await headers() });
}

async function publicAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { data: await body() };
  } catch (error) {
    const { body: err } = toErrorBody(error);
    return { error: { code: err.error.code, message: err.error.message } };
  }
}

/** First run: creates the first admin, once, and signs them in. Refused as soon as any user exists. */
export async function createFirstAdminAction(raw: z.input<typeof newAccountSchema>) {
  return publicAction(async () => {
    const input = newAccountSchema.safeParse(raw);
    if (!input.success) throw new AppError("validation", input.error.issues.map((i) => i.message).join(" "));
    const db = await getDb();
    if (await hasAnyUser()) throw new AppError("forbidden", "Countersign is already set up. Sign in instead.");
    const claimed = await db
      .insert(settings)
      .values({ key: "setup_completed", value: new Date().toISOString(), updatedBy: input.data.email })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) throw new AppError("forbidden", "Countersign is already set up. Sign in instead.");
    try {
      await createUserAccount(db, { ...input.data, role: "admin" }, "first-run setup");
    } catch (error) {
      await db.delete(settings).where(eq(settings.key, "setup_completed"));
      throw error;
    }
    await signIn(input.data.email, input.data.password);
    return { ok: true };
  });
}

export async function acceptInviteAction(raw: z.input<typeof newAccountSchema> & { token: string }) {
  return publicAction(async () => {
    const input = newAccountSchema.extend({ token: z.string().min(10).max(200) }).safeParse(raw);
    if (!input.success) throw new AppError("validation", input.error.issues.map((i) => i.message).join(" "));
    await acceptInvite(await getDb(), input.data);
    await signIn(input.data.email, input.data.password);
    return { ok: true };
  });
}

export const createInviteAction = defineAction(
  "invite.create",
  { role: "admin", input: z.object({ role: roleSchema, email: z.union([z.email(), z.literal("")]).optional() }) },
  async ({ role, email }, user) => {
    const invite = await createInvite(await getDb(), { role, email: email || null, createdBy: actorLabel(user) });
    return { url: invite.url, expiresAt: invite.expiresAt.toISOString() };
  },
);

export const revokeInviteAction = defineAction("invite.revoke", { role: "admin", input: z.object({ inviteId: z.uuid() }) }, async ({ inviteId }, user) => {
  await revokeInvite(await getDb(), { inviteId, by: actorLabel(user) });
  return { revoked: true };
});

export const setUserRoleAction = defineAction(
  "user.role",
  { role: "admin", input: z.object({ userId: z.string().min(1), role: roleSchema }) },
  async ({ userId, role }, user) => {
    await setUserRole(await getDb(), { userId, role, by: actorLabel(user) });
    return { role };
  },
);

export const setUserActiveAction = defineAction(
  "user.active",
  { role: "admin", input: z.object({ userId: z.string().min(1), active: z.boolean() }) },
  async ({ userId, active }, user) => {
    if (userId === user.id && !active) throw new AppError("validation", "You cannot deactivate yourself.");
    await setUserActive(await getDb(), { userId, active, by: actorLabel(user) });
    return { active };
  },
);

export const setFourEyesAction = defineAction("settings.four_eyes", { role: "admin", input: z.object({ enabled: z.boolean() }) }, async ({ enabled }, user) => {
  const db = await getDb();
  const value = enabled ? "on" : "off";
  await db
    .insert(settings)
    .values({ key: "four_eyes", value, updatedBy: user.email })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: user.email, updatedAt: new Date() } });
  await recordAuthEvent(db, { action: "settings.changed", actor: actorLabel(user), details: { fourEyes: enabled } });
  return { enabled };
});

export const setUndoGraceAction = defineAction(
  "settings.undo_grace",
  { role: "admin", input: z.object({ seconds: z.number().int().min(0).max(MAX_UNDO_GRACE_SECONDS) }) },
  async ({ seconds }, user) => {
    const db = await getDb();
    const value = String(seconds);
    await db
      .insert(settings)
      .values({ key: UNDO_GRACE_KEY, value, updatedBy: user.email })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: user.email, updatedAt: new Date() } });
    await recordAuthEvent(db, { action: "settings.changed", actor: actorLabel(user), details: { undoGraceSeconds: seconds } });
    return { seconds };
  },
);
