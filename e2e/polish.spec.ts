// The dashboard's frame at a desktop and a phone width: navigation that reaches every page, tab
// titles with the held count, the favicon, a 404 page the CSP lets run, one h1 a page, the stale
// notice showing the contact's newer message, and the Activity page in words.
import { expect, test, type ConsoleMessage, type Page } from "@playwright/test";
import { DEMO_MAILBOXES } from "../sandbox/multimail/seed";
import { emulatorEmail, inboundEmail, sendHeldEmail } from "./fixtures/multimail";
import { screensAt } from "./support/screens";
import { E2E_USERS, storageStatePath } from "./support/users";

const NAV = [
  { label: "Queue", path: "/" },
  { label: "Inbox", path: "/inbox" },
  { label: "Contacts", path: "/contacts" },
  { label: "Insights", path: "/insights" },
  { label: "Activity", path: "/activity" },
  { label: "Settings", path: "/settings" },
] as const;

/** A navigation link's name: Queue carries the overdue count when there is one. */
const linkName = (label: string) => new RegExp(`^${label}( ?\\d+\\+? overdue)?$`);

/** Console errors and failed loads of a page, collected from now on. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

async function waitUntilHeld(page: Page, subject: string) {
  await page.goto("/");
  await expect(page.getByRole("link", { name: new RegExp(subject) })).toBeVisible();
}

async function reviewPath(page: Page, subject: string): Promise<string> {
  await waitUntilHeld(page, subject);
  const href = await page.getByRole("link", { name: new RegExp(subject) }).getAttribute("href");
  expect(href).toMatch(/^\/emails\//);
  return href!;
}

test.describe("as an admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("at 390 px the menu reaches every page, marks the current one, and works from the keyboard", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/activity");
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = nav.getByRole("button", { name: /Menu/ });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    // Nothing of the navigation runs off the right edge.
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(sideways).toBeLessThanOrEqual(0);

    for (const { label, path } of NAV) {
      if (path === "/insights") continue; // checked below: its page may not be built yet
      await menu.click();
      await expect(menu).toHaveAttribute("aria-expanded", "true");
      const link = nav.getByRole("link", { name: linkName(label) });
      await expect(link).toBeInViewport();
      await link.click();
      await expect(page).toHaveURL((url) => url.pathname === path);
      await expect(menu).toHaveAttribute("aria-expanded", "false");
      await menu.click();
      await expect(nav.getByRole("link", { name: linkName(label) })).toHaveAttribute("aria-current", "page");
      // The bar's copy of the links is not displayed at this width: one current link in sight.
      await expect(nav.locator('[aria-current="page"]:visible')).toHaveCount(1);
      await page.keyboard.press("Escape");
      await expect(menu).toHaveAttribute("aria-expanded", "false");
      await expect(menu).toBeFocused();
    }

    await menu.click();
    await page.screenshot({ path: test.info().outputPath("menu-open-390.png") });
    await page.keyboard.press("Escape");

    // From the keyboard alone: open the menu, tab to Insights, follow it.
    await menu.focus();
    await page.keyboard.press("Enter");
    const insights = nav.getByRole("link", { name: linkName("Insights") });
    await expect(insights).toBeVisible();
    await expect(insights).toHaveAttribute("href", "/insights");
    for (let i = 0; i < NAV.length && !(await insights.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    await expect(insights).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/insights$/);
  });

  test("at 1366 px every link is in the bar, the current one marked", async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto("/contacts");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("button", { name: /Menu/ })).toBeHidden();
    for (const { label } of NAV) await expect(nav.getByRole("link", { name: linkName(label) })).toBeVisible();
    await expect(nav.getByRole("link", { name: linkName("Contacts") })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: linkName("Queue") })).not.toHaveAttribute("aria-current", "page");
    await screensAt(page, "contacts");
  });

  test("every page has its title, the held count in front, and exactly one h1", async ({ page }) => {
    const sent = await sendHeldEmail();
    const review = await reviewPath(page, sent.subject);
    const threadId = String(((await emulatorEmail(sent.id)) as unknown as { thread_id?: string }).thread_id ?? "");
    const customer = `caller-${sent.tag}@example.com`;
    const pages = [
      { path: "/", title: "Queue" },
      { path: "/inbox", title: "Inbox" },
      { path: `/inbox/${DEMO_MAILBOXES.followups}`, title: /^Acme Dental Follow-ups|^followups@/ },
      ...(threadId ? [{ path: `/inbox/${DEMO_MAILBOXES.followups}/threads/${threadId}`, title: `Thread: ${sent.subject}` }] : []),
      { path: "/contacts", title: "Contacts" },
      { path: `/contacts/${encodeURIComponent(customer)}`, title: `Contact: ${customer}` },
      { path: "/activity", title: "Activity" },
      { path: "/settings", title: "Settings" },
      { path: `/sessions/RM_e2e${sent.tag}`, title: /^Call / },
      { path: review, title: `Review: ${sent.subject}` },
    ];
    // On the queue, the tab's count is the held count the page shows.
    await page.goto("/");
    const heading = page.getByText(/\d[\d,]*\+? held/).first();
    await expect(heading).toBeVisible();
    await expect
      .poll(async () => {
        const shown = /(\d[\d,]*\+?) held/.exec((await heading.textContent()) ?? "")?.[1]?.replace(/,/g, "");
        return (await page.title()) === `(${shown}) Queue · Countersign`;
      })
      .toBe(true);

    for (const p of pages) {
      await page.goto(p.path);
      // The held count comes from the live queue, after hydration.
      await expect(page).toHaveTitle(/^\(\d+\+?\) .+ · Countersign$/);
      const title = (await page.title()).replace(/^\(\d+\+?\) /, "").replace(/ · Countersign$/, "");
      if (typeof p.title === "string") expect(title, p.path).toBe(p.title);
      else expect(title, p.path).toMatch(p.title);
      await expect(page.locator("h1"), p.path).toHaveCount(1);
    }
  });
});

test("the favicon is served and a page loads without console errors", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image/);
  const svg = await request.get("/favicon.svg");
  expect(svg.status()).toBe(200);
  expect(await svg.text()).toContain("<svg");
  expect((await request.get("/favicon-overdue.svg")).status()).toBe(200);

  const errors = watchConsole(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await expect(page.locator('link[rel="icon"][type="image/svg+xml"]')).toHaveAttribute("href", /\/favicon(-overdue)?\.svg/);
  expect(errors).toEqual([]);
});

test("an unknown address gets a 404 page the Content-Security-Policy lets run, with one h1", async ({ page }) => {
  const errors = watchConsole(page);
  const response = await page.goto("/no-such-page-here");
  expect(response?.status()).toBe(404);
  expect(response?.headers()["content-security-policy"]).toContain("nonce-");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.locator("h1")).toHaveCount(1);
  await expect(page).toHaveTitle("Page not found · Countersign");
  // Its scripts ran (the nonce matched): the link navigates on the client.
  await page.getByRole("link", { name: "Go to the review queue" }).click();
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  // (The document's own 404 is logged as a failed load; nothing else may be.)
  expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  await page.goto("/no-such-page-here");
  await screensAt(page, "not-found");
});

test("the stale notice shows the contact's newer message inline, with its time and the thread", async ({ page }) => {
  const sent = await sendHeldEmail();
  const customer = `caller-${sent.tag}@example.com`;
  const review = await reviewPath(page, sent.subject);
  const reply = await inboundEmail({
    from: customer,
    markdown: `Could we move it to **Thursday** morning instead?\nAny time before 11 works.\n\n> On Monday you wrote:\n> Your appointment is Tuesday ${sent.tag}`,
    inReplyTo: sent.id,
  });

  await page.goto(review);
  const stale = page.getByRole("region", { name: /Stale draft/ });
  await expect(stale).toBeVisible();
  await expect(stale.getByRole("link", { name: new RegExp(`${customer} wrote`) })).toHaveAttribute("href", /\/inbox\/.+\/threads\//);
  await expect(stale.locator("time").nth(1)).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
  // Unread: it opens here on request (fetching it marks it read in MultiMail), one click.
  expect((await emulatorEmail(reply.id)).status).toBe("unread");
  await stale.getByRole("button", { name: "Show it here" }).click();
  await expect(stale.getByText("Could we move it to Thursday morning instead?")).toBeVisible();
  await expect(stale.getByText("Any time before 11 works.", { exact: false })).toBeVisible();
  await expect(stale).not.toContainText("On Monday you wrote");
  await expect(stale.getByRole("link", { name: "Read the whole thread" })).toBeVisible();
  await expect.poll(async () => (await emulatorEmail(reply.id)).status).toBe("read");

  // Once read, it shows without a click.
  await page.reload();
  await expect(stale.getByText("Could we move it to Thursday morning instead?")).toBeVisible();
  await expect(stale.getByRole("button", { name: "Show it here" })).toHaveCount(0);
  await screensAt(page, "review-stale");
});

test("evidence on an email without a voice session says there is no call to check it against", async ({ page }) => {
  const sent = await sendHeldEmail({ metadata: { agent_note: "sent without a call" } });
  await page.goto(await reviewPath(page, sent.subject));
  const evidence = page.getByRole("region", { name: "Evidence checks" });
  await expect(evidence).toContainText("This email has no voice session: there is no call to check it against");
  await expect(evidence).not.toContainText("not available yet");
});

test("the Activity page names actions and people in words, with claim noise folded", async ({ page }) => {
  const sent = await sendHeldEmail();
  const review = await reviewPath(page, sent.subject);
  // Open and leave the email three times: one folded line, not six.
  for (let i = 0; i < 3; i++) {
    await page.goto(review);
    await expect(page.getByRole("heading", { name: sent.subject })).toBeVisible();
    await page.goto("/activity");
  }
  await page.goto(review);
  await page.getByRole("button", { name: /^Approve/ }).click();
  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("approved_and_sent");

  const me = E2E_USERS.reviewer;
  await page.goto(`/activity?actor=${encodeURIComponent(me.email)}`);
  const log = page.getByRole("list", { name: /Audit log entries/ });
  const mine = log.getByRole("listitem").filter({ has: page.getByRole("link", { name: sent.subject }) });
  await expect(mine.filter({ hasText: "Decision recorded" })).toContainText("Approved");
  await expect(mine.filter({ hasText: "Decision recorded" })).toContainText(me.name);
  await expect(mine.filter({ hasText: "Decision recorded" })).toContainText(me.email);
  // However often the page claimed and released the email, adjacent claim entries are one line: no
  // two lines next to each other are both this email's claims. (Other journeys signed in as the same
  // reviewer run in parallel: their entries may fall between, and then the runs either side stay apart.)
  const claims = mine.filter({ hasText: /Opened for review|Left the review/ });
  await expect(claims.first()).toContainText(me.name);
  const lines = await log.getByRole("listitem").evaluateAll((items) => items.map((li) => li.textContent ?? ""));
  const ownClaim = lines.map((line) => line.includes(sent.subject) && /Opened for review|Left the review/.test(line));
  expect(ownClaim.filter(Boolean).length).toBeGreaterThan(0);
  expect(ownClaim.some((own, i) => own && ownClaim[i + 1])).toBe(false);
  // And folded lines say how often: "Opened for review 3 times, left it 3 times".
  expect(lines.some((line, i) => ownClaim[i] && /Opened for review (once|twice|\d+ times)/.test(line))).toBe(true);

  await page.goto("/activity");
  await expect(log.getByRole("listitem").first()).toBeVisible();
  const text = (await log.textContent()) ?? "";
  expect(text).not.toMatch(/\b(decision|claim|email|auth|revision)\.[a-z_]+/);
  expect(text).not.toMatch(/[{}]|":/);
  await expect(log.locator("time").first()).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
  await screensAt(page, "activity");
});

test("the queue at both widths", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await screensAt(page, "queue");
});
