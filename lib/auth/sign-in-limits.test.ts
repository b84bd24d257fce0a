// Sign-in limits on a real database, through better-auth's own handler: a new X-Forwarded-For per
// attempt buys nothing, one client's wrong passwords do not lock anyone else out, and an account
// has a budget of its own that one client alone cannot use up.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpAppDatabase } from "@/test/app-db";
import { dbKinds } from "@/test/db";
import { auditLog } from "@/lib/db/schema";
import { getAuth, resetAuthForTests } from "./auth";
import { clientAddressFrom, limitSubject } from "./client-address";
import { createUserAccount } from "./create-user";
import { consumeBudget } from "./rate-limit";
import { consumeSignInAttempt } from "./sign-in-limits";

const ORIGIN = "http://localhost:3000";

describe("clientAddressFrom", () => {
  it("ignores X-Forwarded-For without a trusted proxy: any client can write it", () => {
    expect(clientAddressFrom("203.0.113.9", 0)).toBeNull();
    expect(clientAddressFrom("203.0.113.9, 198.51.100.1", 0)).toBeNull();
  });

  it("takes the entry the Nth trusted proxy appended, whatever the client wrote before it", () => {
    expect(clientAddressFrom("1.1.1.1, 2.2.2.2, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddressFrom("1.1.1.1, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddressFrom("203.0.113.9", 2)).toBe("203.0.113.9");
    expect(clientAddressFrom("not-an-address", 1)).toBeNull();
    expect(clientAddressFrom("", 1)).toBeNull();
  });

  it("reads ports, brackets and IPv4-mapped IPv6, and counts IPv6 by /64", () => {
    expect(clientAddressFrom("203.0.113.9:51234", 1)).toBe("203.0.113.9");
    expect(clientAddressFrom("[2001:DB8::1]:443", 1)).toBe("2001:db8::1");
    expect(clientAddressFrom("::ffff:192.0.2.1", 1)).toBe("192.0.2.1");
    expect(limitSubject("2001:db8:0:1:aaaa::1")).toBe(limitSubject("2001:db8:0:1:bbbb::2"));
    expect(limitSubject("2001:db8:0:1::1")).not.toBe(limitSubject("2001:db8:0:2::1"));
    expect(limitSubject(null)).toBe("direct");
  });
});

describe.each(dbKinds())("sign-in limits on %s", (kind) => {
  const app = setUpAppDatabase(kind, { SIGNIN_RATE_LIMIT: "3", SIGNIN_ACCOUNT_RATE_LIMIT: "5", TRUSTED_PROXY_HOPS: "1", APP_URL: ORIGIN });
  beforeAll(async () => {
    resetAuthForTests();
    for (const email of ["ada@example.com", "bob@example.com", "cy@example.com"]) {
      await createUserAccount(app.db, { email, password: "correct-horse-1", role: "reviewer" }, "cli");
    }
    return () => resetAuthForTests();
  });

  async function signIn(email: string, password: string, forwardedFor?: string) {
    const auth = await getAuth();
    const headers: Record<string, string> = { "content-type": "application/json", origin: ORIGIN };
    if (forwardedFor) headers["x-forwarded-for"] = forwardedFor;
    return auth.handler(new Request(`${ORIGIN}/api/auth/sign-in/email`, { method: "POST", headers, body: JSON.stringify({ email, password }) }));
  }

  it("counts a fixed window: refused after the budget, with the time left, and open again after it", async () => {
    const budget = { max: 2, windowMs: 60_000 };
    const t0 = 1_000_000;
    expect(await consumeBudget(app.db, "test|window", budget, t0)).toEqual({ allowed: true });
    expect(await consumeBudget(app.db, "test|window", budget, t0 + 1_000)).toEqual({ allowed: true });
    expect(await consumeBudget(app.db, "test|window", budget, t0 + 20_000)).toEqual({ allowed: false, retryAfterSeconds: 40, firstRefusal: true });
    expect(await consumeBudget(app.db, "test|window", budget, t0 + 30_000)).toEqual({ allowed: false, retryAfterSeconds: 30, firstRefusal: false });
    expect(await consumeBudget(app.db, "test|window", budget, t0 + 60_000)).toEqual({ allowed: true });
  });

  it("counts concurrent attempts exactly", async () => {
    const budget = { max: 5, windowMs: 60_000 };
    const verdicts = await Promise.all(Array.from({ length: 12 }, () => consumeBudget(app.db, "test|race", budget)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
  });

  it("spends an account's budget only on attempts the client's budget let through", async () => {
    const limits = { perClient: 3, perAccount: 5 };
    const t = 5_000_000;
    const one = [];
    for (let i = 0; i < 10; i += 1) one.push(await consumeSignInAttempt(app.db, { client: "198.51.100.1", email: "unit@example.com" }, limits, t));
    expect(one.filter((v) => v.allowed)).toHaveLength(3);
    expect(one.at(-1)).toMatchObject({ allowed: false, limitedBy: "client" });
    // Seven refusals from that client cost the account nothing: two more clients still get through.
    expect(await consumeSignInAttempt(app.db, { client: "198.51.100.2", email: "UNIT@example.com " }, limits, t)).toEqual({ allowed: true });
    expect(await consumeSignInAttempt(app.db, { client: "198.51.100.3", email: "unit@example.com" }, limits, t)).toEqual({ allowed: true });
    expect(await consumeSignInAttempt(app.db, { client: "198.51.100.4", email: "unit@example.com" }, limits, t)).toMatchObject({ allowed: false, limitedBy: "account" });
  });

  it("a new X-Forwarded-For per attempt does not reset the limit", async () => {
    const statuses: number[] = [];
    // The trusted proxy appends the real address; the client rotates what it writes in front.
    for (let i = 0; i < 6; i += 1) statuses.push((await signIn("ada@example.com", "wrong-password-1", `10.9.${i}.1, 203.0.113.50`)).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429, 429]);
    const refused = await signIn("ada@example.com", "correct-horse-1", "10.9.99.1, 203.0.113.50");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).message).toMatch(/Too many sign-in attempts/);
    const limited = await app.db.select().from(auditLog).where(eq(auditLog.action, "auth.rate_limited"));
    expect(limited).toHaveLength(1);
    expect(limited[0]?.details).toMatchObject({ ip: "203.0.113.50", limitedBy: "client", email: "ada@example.com" });
  });

  it("one client's wrong passwords do not lock out another client, even on the same account", async () => {
    for (let i = 0; i < 5; i += 1) await signIn("bob@example.com", "wrong-password-1", "203.0.113.60");
    expect((await signIn("bob@example.com", "correct-horse-1", "203.0.113.60")).status).toBe(429);
    const other = await signIn("bob@example.com", "correct-horse-1", "203.0.113.61");
    expect(other.status).toBe(200);
    expect((await signIn("ada@example.com", "correct-horse-1", "203.0.113.62")).status).toBe(200);
  });

  it("an account's own budget stops guessing spread over many clients", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await signIn("cy@example.com", "wrong-password-1", `203.0.113.${100 + i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const body = await (await signIn("cy@example.com", "correct-horse-1", "203.0.113.200")).json();
    expect(body.code).toBe("TOO_MANY_ATTEMPTS");
  });
});

describe.each(dbKinds())("sign-in without a trusted proxy on %s", (kind) => {
  const app = setUpAppDatabase(kind, { SIGNIN_RATE_LIMIT: "2", APP_URL: ORIGIN });
  beforeAll(async () => {
    resetAuthForTests();
    await createUserAccount(app.db, { email: "dee@example.com", password: "correct-horse-1", role: "viewer" }, "cli");
    return () => resetAuthForTests();
  });

  it("ignores X-Forwarded-For altogether, so rotating it does not help", async () => {
    const auth = await getAuth();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await auth.handler(
        new Request(`${ORIGIN}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": `198.18.0.${i + 1}` },
          body: JSON.stringify({ email: "dee@example.com", password: "wrong-password-1" }),
        }),
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 429, 429]);
  });
});
