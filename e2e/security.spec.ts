// The security boundary, proven against the running app: every route and action enumerated and
// refused to the anonymous and (for changes) to viewers; cross-site requests refused; headers set;
// undecodable paths answered 400; sign-in not redirectable off the site nor its limit sidestepped.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_MAILBOXES } from "../sandbox/multimail/seed";
import { emulatorEmail, inboundEmail } from "./fixtures/multimail";
import { E2E } from "./support/ports";
import { apiRoutes, pageRoutes, serverActions, SAMPLE_ID } from "./support/app-routes";
import { E2E_USERS, storageStatePath } from "./support/users";

const PUBLIC_PAGES = new Set(["/login", "/setup", `/invite/${SAMPLE_ID}`]);
// Routes that authenticate by signature or key instead of a session, or are better-auth itself.
const MACHINE_API = [/^\/api\/(health|ready)$/, /^\/api\/auth\//, /^\/api\/webhooks\//, /^\/api\/voice-sessions\/[^/]+\/transcript$/, /^\/api\/v1\//];

async function callAction(request: APIRequestContext, action: { id: string; page: string }, args: unknown[], origin = E2E.appUrl) {
  const response = await request.post(action.page, {
    headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", origin, accept: "text/x-component" },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  return { status: response.status(), body: await response.text() };
}

test.describe("anonymous", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("every dashboard page sends an anonymous visitor to sign in", async ({ request }) => {
    const pages = pageRoutes().filter((p) => !PUBLIC_PAGES.has(p.path));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const page of pages) {
      const response = await request.get(page.path, { maxRedirects: 0 });
      expect(response.status(), page.file).toBe(307);
      expect(response.headers().location, page.file).toMatch(/\/login|\/setup/);
    }
  });

  test("every API route refuses an anonymous request", async ({ request }) => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const r of routes) {
      for (const method of r.methods) {
        const response = await request.fetch(r.path, {
          method,
          data: method === "GET" ? undefined : "{}",
          headers: { "content-type": "application/json" },
          maxRedirects: 0,
        });
        // Health and readiness are for load balancers: public, and they say nothing secret (readiness.test.ts).
        if (r.path === "/api/health" || r.path === "/api/ready") continue;
        if (MACHINE_API.some((m) => m.test(r.path))) {
          expect(response.status(), `${method} ${r.path}`).toBeGreaterThanOrEqual(400);
        } else {
          expect(response.status(), `${method} ${r.path}`).toBe(401);
          expect((await response.json()).error.code).toBe("unauthorized");
        }
      }
    }
  });

  test("every Server Action refuses an anonymous caller", async ({ request }) => {
    const actions = serverActions();
    expect(actions.map((a) => a.name)).toEqual(expect.arrayContaining(["editEmailAction", "undoDecisionAction", "claimEmailAction", "createInviteAction"]));
    for (const action of actions) {
      const { body } = await callAction(request, action, [
        {
          itemId: SAMPLE_ID,
          emailId: "x",
          userId: "x",
          role: "admin",
          enabled: true,
          inviteId: SAMPLE_ID,
          token: "x".repeat(20),
          name: "x",
          email: "x@example.com",
          password: "x".repeat(12),
        },
      ]);
      expect(body, action.name).toMatch(/"code":"(unauthorized|forbidden|validation|not_found)"/);
      expect(body, action.name).not.toContain('"data"');
    }
  });
});

test.describe("viewer", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("a viewer can read but every change is refused", async ({ request, page }) => {
    for (const p of pageRoutes().filter((p) => !PUBLIC_PAGES.has(p.path) && !p.path.includes(SAMPLE_ID))) {
      const response = await request.get(p.path, { maxRedirects: 0 });
      expect(response.status(), p.file).toBe(200);
      // Admin pages stream a redirect instead of their content.
      if (p.path === "/settings") expect(await response.text()).not.toContain("Invite someone");
    }
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/\?denied=1$/);
    await expect(page.getByText("That page needs a role you do not have.")).toBeVisible();
    for (const r of apiRoutes().filter((r) => !MACHINE_API.some((m) => m.test(r.path)))) {
      for (const method of r.methods.filter((m) => m !== "GET")) {
        const response = await request.fetch(r.path, { method, data: "{}", headers: { "content-type": "application/json", origin: E2E.appUrl } });
        expect(response.status(), `${method} ${r.path}`).toBe(403);
      }
    }
    // A person's own keyboard preference is theirs to set whatever their role.
    for (const action of serverActions().filter((a) => !["createFirstAdminAction", "acceptInviteAction", "setSingleKeyShortcutsAction"].includes(a.name))) {
      const { body } = await callAction(request, action, [
        {
          itemId: SAMPLE_ID,
          emailId: "x",
          userId: "x",
          role: "admin",
          enabled: true,
          inviteId: SAMPLE_ID,
          reason: "x",
          subject: "x",
          markdown: "x",
          to: ["a@example.com"],
        },
      ]);
      expect(body, action.name).toContain('"code":"forbidden"');
    }
  });
});

test.describe("cross-site", () => {
  test("a mutation from another site is refused before it reaches the app", async ({ request }) => {
    const undo = serverActions().find((a) => a.name === "undoDecisionAction")!;
    const { status } = await callAction(request, undo, [{ itemId: SAMPLE_ID }], "https://evil.example");
    expect(status).toBe(403);
    const decide = await request.post(`/api/items/${SAMPLE_ID}/decision`, { data: { action: "approve", emailId: "x" }, headers: { origin: "https://evil.example" } });
    expect(decide.status()).toBe(403);
    const signIn = await request.post("/api/auth/sign-in/email", { data: { email: "a@b.c", password: "x" }, headers: { origin: "https://evil.example" } });
    expect(signIn.status()).toBe(403);
    const release = await request.delete(`/api/items/${SAMPLE_ID}/claim`, { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(release.status()).toBe(403);
  });

  test("a cross-site Server Action post to any path is refused by our own check with 403, never a 500", async ({ request }) => {
    const undo = serverActions().find((a) => a.name === "undoDecisionAction")!;
    const paths = ["/", "/nonexistent", "/login", `/emails/${SAMPLE_ID}`, "/api/health", "/favicon.ico", "/favicon.icox", "/_next/image", "/_next/staticx"];
    const spoofs: Array<Record<string, string>> = [{}, { "x-forwarded-host": "evil.example" }, { "sec-fetch-site": "cross-site" }];
    for (const path of paths) {
      for (const spoof of spoofs) {
        const response = await request.post(path, {
          headers: { "next-action": undo.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: "https://evil.example", ...spoof },
          data: JSON.stringify([{ itemId: SAMPLE_ID }]),
          maxRedirects: 0,
        });
        expect(response.status(), `${path} ${JSON.stringify(spoof)}`).toBe(403);
        expect((await response.json()).error.code, path).toBe("forbidden");
      }
    }
  });

  test("opening an inbound message, which marks it read in MultiMail, is refused to another site", async ({ request }) => {
    const inbound = await inboundEmail({ from: `cross-site-${Date.now()}@example.com`, markdown: "Please call me back." });
    const url = `/api/inbox/mailboxes/${DEMO_MAILBOXES.followups}/emails/${inbound.id}`;
    const crossSite: Array<Record<string, string>> = [
      { "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors", "sec-fetch-dest": "image" },
      { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      { "sec-fetch-site": "same-site" },
    ];
    for (const headers of crossSite) {
      const response = await request.get(url, { headers });
      expect(response.status(), JSON.stringify(headers)).toBe(403);
      expect((await response.json()).error.message).toMatch(/Another site may not open this message/);
    }
    expect((await emulatorEmail(inbound.id)).status).toBe("unread");
    const own = await request.get(url, { headers: { "sec-fetch-site": "same-origin" } });
    expect(own.status()).toBe(200);
    expect((await emulatorEmail(inbound.id)).status).toBe("read");
  });

  test("pages carry a nonce-based CSP, frame-ancestors none and a referrer policy", async ({ request }) => {
    const response = await request.get("/");
    const csp = response.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers()["referrer-policy"]).toBe("no-referrer");
    expect(response.headers()["x-frame-options"]).toBe("DENY");
    const https = await request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers()["strict-transport-security"]).toContain("max-age=");
  });
});

test.describe("malformed paths", () => {
  test("an undecodable percent-encoding in any dynamic path is a 400: JSON under /api, a plain page elsewhere", async ({ request }) => {
    for (const path of ["/api/v1/contacts/%E0%A4%A/context", "/api/items/%E0%A4%A", `/api/inbox/mailboxes/%E0%A4%A/emails/x`]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(400);
      expect(await response.json(), path).toEqual({ error: { code: "bad_request", message: expect.stringMatching(/not correctly percent-encoded/) } });
    }
    for (const path of ["/emails/%E0%A4%A", "/contacts/%E0%A4%A", "/sessions/%E0%A4%A", "/inbox/%E0%A4%A"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(400);
      expect(response.headers()["content-type"], path).toMatch(/^text\/html/);
      expect(await response.text(), path).toMatch(/not correctly percent-encoded/);
    }
  });
});

test.describe("sign-in", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("after sign-in, next= never leads to another site", async ({ page }) => {
    const u = E2E_USERS.viewer;
    for (const next of ["/%5Cevil.example/phish", "/%09/evil.example", "//evil.example", "/%2F%2Fevil.example"]) {
      await page.context().clearCookies();
      await page.goto(`/login?next=${next}`);
      await page.getByLabel("Email").fill(u.email);
      await page.getByLabel("Password").fill(u.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("heading", { name: "Review queue" }), next).toBeVisible();
      expect(new URL(page.url()).origin, next).toBe(E2E.appUrl);
    }
  });

  test("writing a new X-Forwarded-For in front of the proxy's entry does not reset the limit", async ({ request }) => {
    // One trusted proxy (TRUSTED_PROXY_HOPS=1 here): it appends the real address, 198.51.100.x.
    const proxyEntry = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const statuses: number[] = [];
    for (let i = 0; i <= Number(E2E.appEnv.SIGNIN_RATE_LIMIT); i += 1) {
      const response = await request.post("/api/auth/sign-in/email", {
        data: { email: `nobody-${proxyEntry}@e2e.test`, password: "wrong-password-1" },
        headers: { "x-forwarded-for": `10.${i}.0.1, ${proxyEntry}`, origin: E2E.appUrl },
      });
      statuses.push(response.status());
    }
    expect(statuses.at(-1)).toBe(429);
  });
});
