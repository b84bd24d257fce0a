// The session token stays in its httpOnly cookie: no better-auth response a page script can read
// (sign-in, get-session, list-sessions, the admin's session list) carries it in the body.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpAppDatabase } from "@/test/app-db";
import { dbKinds } from "@/test/db";
import { session, user } from "@/lib/db/schema";
import { getAuth, resetAuthForTests } from "./auth";
import { createUserAccount } from "./create-user";
import { withoutSessionTokens } from "./without-session-tokens";

const ORIGIN = "http://localhost:3000";

describe("withoutSessionTokens", () => {
  it("drops token keys at any level and leaves everything else, by reference when nothing changes", () => {
    const expires = new Date();
    expect(withoutSessionTokens({ token: "t", user: { id: "u" } })).toEqual({ user: { id: "u" } });
    expect(withoutSessionTokens({ session: { id: "s", token: "t", expiresAt: expires } })).toEqual({ session: { id: "s", expiresAt: expires } });
    expect(withoutSessionTokens([{ id: "a", token: "t" }, { id: "b" }])).toEqual([{ id: "a" }, { id: "b" }]);
    expect(withoutSessionTokens({ sessions: [{ token: "t", id: "x" }], total: 1 })).toEqual({ sessions: [{ id: "x" }], total: 1 });
    const untouched = { user: { id: "u" }, status: true };
    expect(withoutSessionTokens(untouched)).toBe(untouched);
    expect(withoutSessionTokens(null)).toBeNull();
  });
});

describe.each(dbKinds())("session tokens on %s", (kind) => {
  const app = setUpAppDatabase(kind, { APP_URL: ORIGIN });
  let cookie = "";
  let storedTokens: string[] = [];

  beforeAll(async () => {
    resetAuthForTests();
    await createUserAccount(app.db, { email: "ada@example.com", password: "correct-horse-1", role: "admin" }, "cli");
    return () => resetAuthForTests();
  });

  async function call(path: string, init: { method?: string; body?: unknown } = {}) {
    const auth = await getAuth();
    const headers: Record<string, string> = { origin: ORIGIN };
    if (cookie) headers.cookie = cookie;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const response = await auth.handler(
      new Request(`${ORIGIN}/api/auth${path}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }),
    );
    return { response, text: await response.text() };
  }

  const expectNoToken = (text: string) => {
    expect(text).not.toMatch(/"token"/);
    for (const token of storedTokens) expect(text).not.toContain(token);
  };

  it("sign-in sets the httpOnly cookie and returns no token", async () => {
    const { response, text } = await call("/sign-in/email", { method: "POST", body: { email: "ada@example.com", password: "correct-horse-1" } });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    cookie = setCookie
      .split(/,(?=\s*[\w.-]+=)/)
      .map((c) => c.split(";")[0]!.trim())
      .join("; ");
    const [ada] = await app.db.select().from(user).where(eq(user.email, "ada@example.com"));
    storedTokens = (await app.db.select().from(session).where(eq(session.userId, ada!.id))).map((s) => s.token);
    expect(storedTokens.length).toBeGreaterThan(0);
    expect(JSON.parse(text).user.email).toBe("ada@example.com");
    expectNoToken(text);
  });

  it("get-session describes the session without its token", async () => {
    const { response, text } = await call("/get-session");
    expect(response.status).toBe(200);
    const body = JSON.parse(text);
    expect(body.session.id).toEqual(expect.any(String));
    expect(body.user.email).toBe("ada@example.com");
    expectNoToken(text);
  });

  it("list-sessions and the admin's session list carry no tokens", async () => {
    const listed = await call("/list-sessions");
    expect(listed.response.status).toBe(200);
    expect(JSON.parse(listed.text).length).toBeGreaterThan(0);
    expectNoToken(listed.text);
    const [ada] = await app.db.select().from(user).where(eq(user.email, "ada@example.com"));
    const admin = await call("/admin/list-user-sessions", { method: "POST", body: { userId: ada!.id } });
    expect(admin.response.status).toBe(200);
    expect(JSON.parse(admin.text).sessions.length).toBeGreaterThan(0);
    expectNoToken(admin.text);
  });

  it("the SSO provider's tokens are not handed out either", async () => {
    for (const path of ["/get-access-token", "/refresh-token"]) {
      const { response, text } = await call(path, { method: "POST", body: { providerId: "oidc" } });
      expect(response.status, path).toBe(404);
      expectNoToken(text);
    }
  });

  it("the server's own session look-up still works", async () => {
    const auth = await getAuth();
    const found = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(found?.user.email).toBe("ada@example.com");
  });
});
