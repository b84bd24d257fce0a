// Accounts on a real database through better-auth: user creation, invites, roles, deactivation.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import { useDbHandle, type DbHandle } from "@/lib/db/client";
import { auditLog, invites, session, user } from "@/lib/db/schema";
import { getAuth, resetAuthForTests } from "./auth";
import { createUserAccount } from "./create-user";
import { acceptInvite, createInvite, findUsableInvite } from "./invites";
import { setUserActive, setUserRole } from "./manage-users";

describe.each(dbKinds())("accounts on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(kind);
    useDbHandle(handle);
    resetAuthForTests();
  });
  afterAll(async () => {
    resetAuthForTests();
    await handle?.close();
  });

  it("creates a user whose password signs in, and refuses a duplicate email", async () => {
    const created = await createUserAccount(handle.db, { email: "Ada@Example.com", password: "correct-horse-1", role: "admin" }, "cli");
    expect(created.email).toBe("ada@example.com");
    const auth = await getAuth();
    const ok = await auth.api.signInEmail({ body: { email: "ada@example.com", password: "correct-horse-1" } });
    expect(ok.user.email).toBe("ada@example.com");
    await expect(auth.api.signInEmail({ body: { email: "ada@example.com", password: "wrong-password" } })).rejects.toThrow();
    const failures = await handle.db.select().from(auditLog).where(eq(auditLog.action, "auth.sign_in_failed"));
    expect(failures.at(-1)?.details).toMatchObject({ email: "ada@example.com" });
    expect((await handle.db.select().from(auditLog).where(eq(auditLog.action, "auth.signed_in"))).at(-1)?.actor).toBe("ada@example.com");
    await expect(createUserAccount(handle.db, { email: "ada@example.com", password: "another-pass-1", role: "viewer" }, "cli")).rejects.toMatchObject({
      code: "conflict",
    });
    const [row] = await handle.db.select().from(user).where(eq(user.email, "ada@example.com"));
    expect(row?.role).toBe("admin");
  });

  it("an invite works once, for its bound email only, and not after it expires", async () => {
    const invite = await createInvite(handle.db, { role: "reviewer", email: "rita@example.com", createdBy: "ada@example.com" });
    const token = invite.url.split("/invite/")[1]!;
    await expect(acceptInvite(handle.db, { token, email: "mallory@example.com", name: "M", password: "long-password-1" })).rejects.toMatchObject({ code: "validation" });
    await acceptInvite(handle.db, { token, email: "rita@example.com", name: "Rita", password: "long-password-1" });
    const [rita] = await handle.db.select().from(user).where(eq(user.email, "rita@example.com"));
    expect(rita?.role).toBe("reviewer");
    await expect(acceptInvite(handle.db, { token, email: "rita@example.com", name: "Rita", password: "long-password-1" })).rejects.toMatchObject({ code: "not_found" });

    const stale = await createInvite(handle.db, { role: "viewer", createdBy: "ada@example.com" });
    const staleToken = stale.url.split("/invite/")[1]!;
    await handle.db
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invites.id, stale.id));
    expect(await findUsableInvite(handle.db, staleToken)).toBeNull();
    const stored = await handle.db.select().from(invites).where(eq(invites.id, stale.id));
    expect(stored[0]?.tokenHash).not.toBe(staleToken);
  });

  it("changes roles with an audit entry and keeps at least one active admin", async () => {
    const [ada] = await handle.db.select().from(user).where(eq(user.email, "ada@example.com"));
    const [rita] = await handle.db.select().from(user).where(eq(user.email, "rita@example.com"));
    await expect(setUserRole(handle.db, { userId: ada!.id, role: "reviewer", by: "ada" })).rejects.toMatchObject({ code: "conflict" });
    await setUserRole(handle.db, { userId: rita!.id, role: "viewer", by: "ada@example.com" });
    const entries = await handle.db.select().from(auditLog).where(eq(auditLog.action, "user.role_changed"));
    expect(entries.at(-1)?.details).toMatchObject({ email: "rita@example.com", from: "reviewer", to: "viewer" });
  });

  it("deactivating someone ends their sessions and stops them signing in", async () => {
    const auth = await getAuth();
    await auth.api.signInEmail({ body: { email: "rita@example.com", password: "long-password-1" } });
    const [rita] = await handle.db.select().from(user).where(eq(user.email, "rita@example.com"));
    expect((await handle.db.select().from(session).where(eq(session.userId, rita!.id))).length).toBeGreaterThan(0);
    await setUserActive(handle.db, { userId: rita!.id, active: false, by: "ada@example.com" });
    expect(await handle.db.select().from(session).where(eq(session.userId, rita!.id))).toHaveLength(0);
    await expect(auth.api.signInEmail({ body: { email: "rita@example.com", password: "long-password-1" } })).rejects.toThrow();
  });
});
