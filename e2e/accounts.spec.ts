// Accounts from a person's side: invites, sign-out everywhere, sign-in limits and privacy.
import { expect, test } from "@playwright/test";
import { sendHeldEmail } from "./fixtures/multimail";
import { E2E } from "./support/ports";
import { E2E_USERS, storageStatePath } from "./support/users";

test.describe("as an admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("an invite link creates a reviewer once and cannot be reused", async ({ page, browser }) => {
    await page.goto("/settings");
    await page.getByRole("combobox", { name: "Invite role" }).selectOption("reviewer");
    await page.getByRole("button", { name: "Create invite link" }).click();
    const link = await page.getByLabel("Invite link").inputValue();
    expect(link).toMatch(/\/invite\/[\w-]{20,}$/);

    const guest = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const invitee = await guest.newPage();
    const email = `new.reviewer.${Date.now()}@e2e.test`;
    await invitee.goto(link);
    await invitee.getByLabel("Your name").fill("Nia New");
    await invitee.getByLabel("Email").fill(email);
    await invitee.getByLabel("Password (10+ characters)").fill("a-long-password-1");
    await invitee.getByLabel("Repeat the password").fill("a-long-password-1");
    await invitee.getByRole("button", { name: "Create account" }).click();
    await expect(invitee.getByRole("heading", { name: "Review queue" })).toBeVisible();
    await expect(invitee.getByText("Nia New")).toBeVisible();
    await expect(invitee.getByText("· reviewer")).toBeVisible();

    await invitee.goto(link);
    await expect(invitee.getByRole("heading", { name: "This invite cannot be used" })).toBeVisible();
    await guest.close();

    await page.goto("/activity?action=invite.");
    await expect(
      page
        .getByRole("list", { name: /Audit log entries/ })
        .getByRole("listitem")
        .filter({ hasText: "Invite accepted" })
        .first(),
    ).toBeVisible();
    await expect(
      page
        .getByRole("list", { name: /Audit log entries/ })
        .getByRole("listitem")
        .filter({ hasText: "Invite created" })
        .first(),
    ).toBeVisible();
  });

  test("the activity log filters by actor and action and exports CSV", async ({ page }) => {
    await page.goto("/activity");
    await page.getByLabel("Actor").fill(E2E_USERS.admin.email);
    await page.getByLabel("Action").selectOption("auth.");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(
      page
        .getByRole("list", { name: /Audit log entries/ })
        .getByRole("listitem")
        .filter({ hasText: "Signed in" })
        .first(),
    ).toBeVisible();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const file = await download;
    const csv = await (await file.createReadStream()).toArray();
    const text = Buffer.concat(csv).toString();
    expect(text.split("\r\n")[0]).toBe("id,at,actor,action,item_id,email_id,details");
    expect(text).toContain("auth.signed_in");
    expect(text).not.toContain("decision.recorded");
  });
});

test("sign out everywhere ends the account's other sessions", async ({ browser }) => {
  const u = E2E_USERS.leaver;
  const contexts = await Promise.all([0, 1].map(() => browser.newContext({ storageState: { cookies: [], origins: [] } })));
  const pages = await Promise.all(contexts.map((c) => c.newPage()));
  for (const p of pages) {
    await p.goto("/login");
    await p.getByLabel("Email").fill(u.email);
    await p.getByLabel("Password").fill(u.password);
    await p.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(p.getByRole("heading", { name: "Review queue" })).toBeVisible();
  }
  await pages[0]!.getByText(u.name).click();
  await pages[0]!.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(pages[0]!).toHaveURL(/\/login/);
  await pages[1]!.reload();
  await expect(pages[1]!).toHaveURL(/\/login/);
  await Promise.all(contexts.map((c) => c.close()));
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("sign-in answers the same for unknown accounts and wrong passwords, and is rate limited", async ({ request }) => {
    const ip = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    const attempt = (email: string) => request.post("/api/auth/sign-in/email", { data: { email, password: "wrong-password-1" }, headers: { "x-forwarded-for": ip } });
    const unknown = await attempt("nobody@e2e.test");
    const known = await attempt(E2E_USERS.reviewer.email);
    expect(unknown.status()).toBe(known.status());
    expect((await unknown.json()).message).toBe((await known.json()).message);
    const statuses: number[] = [];
    for (let i = 0; i < Number(E2E.appEnv.SIGNIN_RATE_LIMIT); i += 1) statuses.push((await attempt(E2E_USERS.reviewer.email)).status());
    expect(statuses).toContain(429);
  });

  test("a wrong password shows one neutral message in the browser", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("nobody@e2e.test");
    await page.getByLabel("Password").fill("wrong-password-1");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText(/Email or password is incorrect|Too many attempts/)).toBeVisible();
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStatePath("viewer") });
  test("opening a held email shows it read-only, without decision buttons or a claim", async ({ page }) => {
    const sent = await sendHeldEmail();
    await page.goto("/");
    await page.getByRole("link", { name: new RegExp(sent.subject) }).click();
    await expect(page.getByRole("heading", { name: sent.subject })).toBeVisible();
    await expect(page.getByText("Read-only: your role cannot decide emails.")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
    await page.goto("/");
    await expect(page.getByRole("link", { name: new RegExp(sent.subject) })).not.toContainText("is reviewing");
  });
});
