// The signed-in person for this request, checked on the server for every page, action and route.
import "server-only";
import { count } from "drizzle-orm";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { user } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getAuth } from "./auth";
import { hasRole, roleSchema, type Role } from "./roles";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
}

async function readSession(requestHeaders: Headers): Promise<CurrentUser | null> {
  const auth = await getAuth();
  const found = await auth.api.getSession({ headers: requestHeaders });
  if (!found || found.user.banned) return null;
  const role = roleSchema.safeParse(found.user.role);
  return { id: found.user.id, email: found.user.email, name: found.user.name, role: role.success ? role.data : "viewer", sessionId: found.session.id };
}

/** The user of the current request (React-cached per request), or null. */
export const currentUser = cache(async (): Promise<CurrentUser | null> => readSession(await headers()));

/** For route handlers, which have the request at hand. */
export async function userFromRequest(request: Request): Promise<CurrentUser | null> {
  return readSession(request.headers);
}

export async function hasAnyUser(): Promise<boolean> {
  const [row] = await (await getDb()).select({ n: count() }).from(user);
  return (row?.n ?? 0) > 0;
}

/** Pages: redirect to sign-in (or first-run setup) when signed out; refuse a role that is too low. */
export async function requirePageUser(role: Role = "viewer"): Promise<CurrentUser> {
  const found = await currentUser();
  if (!found) redirect((await hasAnyUser()) ? "/login" : "/setup");
  if (!hasRole(found.role, role)) redirect("/?denied=1");
  return found;
}

/** Actions and routes: throw a coded error instead of redirecting. */
export function assertRole(found: CurrentUser | null, role: Role): CurrentUser {
  if (!found) throw new AppError("unauthorized", "Sign in to continue.");
  if (!hasRole(found.role, role)) {
    throw new AppError("forbidden", role === "reviewer" ? "Your role lets you read, not decide. Ask an admin for the reviewer role." : "Only admins can do this.");
  }
  return found;
}

export function actorLabel(u: CurrentUser): string {
  return u.name && u.name !== u.email ? `${u.name} <${u.email}>` : u.email;
}
