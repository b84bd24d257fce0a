// Creates a user with a password through better-auth (used by first-run setup, invites and the CLI).
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { user } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getAuth } from "./auth";
import { recordAuthEvent } from "./record-auth-event";
import type { Role } from "./roles";

export interface NewUser {
  email: string;
  password: string;
  name?: string;
  role: Role;
}

export async function createUserAccount(db: Db, input: NewUser, createdBy: string): Promise<{ id: string; email: string }> {
  const email = input.email.trim().toLowerCase();
  if (input.password.length < 10) throw new AppError("validation", "The password needs at least 10 characters.");
  const [taken] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
  if (taken) throw new AppError("conflict", "An account with this email already exists.");
  const auth = await getAuth();
  // Called without request headers, better-auth's admin createUser runs as the server itself.
  const created = await auth.api.createUser({ body: { email, password: input.password, name: input.name?.trim() || email, role: input.role } });
  await recordAuthEvent(db, { action: "user.created", actor: createdBy, details: { userId: created.user.id, email, role: input.role } });
  return { id: created.user.id, email };
}
