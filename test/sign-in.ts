// A person with a role, signed in through the app's own auth handler: the session cookie a route
// test sends, as a browser would (route tests run after setUpAppDatabase and resetAuthForTests).
import { expect } from "vitest";
import { getAuth } from "@/lib/auth/auth";
import { createUserAccount } from "@/lib/auth/create-user";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";

export async function signedInCookie(db: Db, origin: string, email: string, role: Role): Promise<string> {
  await createUserAccount(db, { email, password: "correct-horse-1", role }, "cli");
  const response = await (
    await getAuth()
  ).handler(
    new Request(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { origin, "content-type": "application/json" },
      body: JSON.stringify({ email, password: "correct-horse-1" }),
    }),
  );
  expect(response.status).toBe(200);
  return (response.headers.get("set-cookie") ?? "")
    .split(/,(?=\s*[\w.-]+=)/)
    .map((c) => c.split(";")[0]!.trim())
    .join("; ");
}
