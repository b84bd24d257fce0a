// What must not get lost: a webhook that never arrives, a decision while MultiMail fails, and two
// reviewers deciding the same email at once.
import { expect, test } from "@playwright/test";
import { storageStatePath } from "./support/users";
import { decideInMultiMail, dropWebhooks, emulatorEmail, injectFault, sendHeldEmail } from "./fixtures/multimail";

test.describe.configure({ mode: "serial" });

test("an email whose webhook was lost is found by the reconciler", async ({ page }) => {
  await dropWebhooks(1);
  const sent = await sendHeldEmail();
  await page.goto("/");
  await expect(page.getByRole("link", { name: new RegExp(sent.subject) })).toBeVisible({ timeout: 20_000 });
});

test("an email decided in MultiMail's own UI leaves the queue as decided elsewhere", async ({ page }) => {
  const sent = await sendHeldEmail();
  await page.goto("/");
  await expect(page.getByRole("link", { name: new RegExp(sent.subject) })).toBeVisible();
  await decideInMultiMail(sent.id, "reject");
  await expect(page.getByRole("link", { name: new RegExp(sent.subject) })).toHaveCount(0, { timeout: 20_000 });
  await page.goto("/?state=decided_elsewhere");
  await expect(page.getByRole("link", { name: new RegExp(sent.subject) })).toBeVisible();
});

test("a decision made while MultiMail fails is kept and delivered when it recovers", async ({ page }) => {
  const sent = await sendHeldEmail();
  await page.goto("/");
  await page.getByRole("link", { name: new RegExp(sent.subject) }).click();
  await injectFault({ method: "POST", path_prefix: "/v1/oversight/decide", status: 503, count: 6 });
  await page.getByRole("button", { name: /^Approve/ }).click();
  await page.goto("/?state=approved");
  await page.getByRole("link", { name: new RegExp(sent.subject) }).click();
  await expect(page.getByText(/retrying until it does/)).toBeVisible();
  await expect.poll(async () => (await emulatorEmail(sent.id)).status, { timeout: 30_000 }).toBe("approved_and_sent");
  await page.reload();
  // The History panel streams in on its own: read it there (getByRole skips the streamed copy React has not put in place yet).
  await expect(page.getByRole("region", { name: "History" }).getByText(/MultiMail acknowledged the approval/)).toBeVisible();
});

test("two reviewers approving at once: one wins, the other is told what happened", async ({ browser }) => {
  const sent = await sendHeldEmail();
  const [a, b] = await Promise.all([
    browser.newContext({ storageState: storageStatePath("reviewer") }),
    browser.newContext({ storageState: storageStatePath("second") }),
  ]);
  const [pa, pb] = await Promise.all([a.newPage(), b.newPage()]);
  await Promise.all([pa.goto("/"), pb.goto("/")]);
  await Promise.all([pa.getByRole("link", { name: new RegExp(sent.subject) }).click(), pb.getByRole("link", { name: new RegExp(sent.subject) }).click()]);
  await Promise.all([pa.getByRole("heading", { name: sent.subject }).waitFor(), pb.getByRole("heading", { name: sent.subject }).waitFor()]);
  // Both opened it at once: one holds the claim, the other sees who and takes it over explicitly.
  const takeOver = async (p: typeof pa) => {
    const button = p.getByRole("button", { name: "Take over" });
    if (await button.isVisible()) await button.click();
  };
  await Promise.all([takeOver(pa), takeOver(pb)]);
  await expect(pa.getByRole("button", { name: /^Approve/ })).toBeVisible();
  await expect(pb.getByRole("button", { name: /^Approve/ })).toBeVisible();
  // A take-over is pushed to the other page, which may already have turned its Approve off, or turn it
  // off between the check and the click: that page lost the claim and says so, so its click gives up.
  const approveIfOn = async (p: typeof pa) => {
    const button = p.getByRole("button", { name: /^Approve/ });
    if (!(await button.isEnabled())) return false;
    return button.click({ timeout: 3_000 }).then(
      () => true,
      () => false,
    );
  };
  const enabledPage = async () =>
    (await pa.getByRole("button", { name: /^Approve/ }).isEnabled()) ? pa : (await pb.getByRole("button", { name: /^Approve/ }).isEnabled()) ? pb : null;
  await expect.poll(async () => (await enabledPage()) !== null).toBe(true);
  const clicked = await Promise.all([approveIfOn(pa), approveIfOn(pb)]);
  // Both checks lost to the last take-over: the page that holds the claim now approves.
  if (!clicked.some(Boolean)) {
    await expect.poll(async () => (await enabledPage()) !== null).toBe(true);
    await (await enabledPage())!.getByRole("button", { name: /^Approve/ }).click();
  }
  const conflict = /Already approved by|Someone else decided|is reviewing this email right now|took this email over/;
  // Exactly one page is told it lost (it may say so twice: the take-over, then the refused click).
  await expect.poll(async () => [await pa.getByText(conflict).count(), await pb.getByText(conflict).count()].filter((n) => n > 0).length).toBe(1);
  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("approved_and_sent");
  await a.close();
  await b.close();
});
