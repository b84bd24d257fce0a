// Settings → MultiMail and Settings → LiveKit, as an admin: every key's verdict, the webhook registered
// through the operator's approval code (a wrong code first), listed and deleted, and a mailbox created,
// edited, downgraded and upgraded through the trust ladder, all against the MultiMail emulator.
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./support/ports";
import { screensAt } from "./support/screens";
import { storageStatePath } from "./support/users";

test.use({ storageState: storageStatePath("admin") });

/** The newest unused code MultiMail "emailed to the operator" for an action (the emulator exposes them). */
async function operatorCode(action: string): Promise<string> {
  const res = await fetch(`${E2E.emulatorUrl}/__emulator/approval-codes`);
  const { codes } = (await res.json()) as { codes: { code: string; action: string; used: boolean }[] };
  const code = codes.filter((c) => c.action === action && !c.used).at(-1)?.code;
  if (!code) throw new Error(`no ${action} code was issued`);
  return code;
}

async function enterCode(page: Page, scope: ReturnType<Page["getByRole"]>, code: string, button: string) {
  await scope.getByLabel("Approval code").fill(code);
  await scope.getByRole("button", { name: button }).click();
}

test("an admin checks the MultiMail and LiveKit connections and registers the webhook with the operator's code", async ({ page }) => {
  // Every answer the page gets (Server Actions included), to check that no key or secret reaches the browser.
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => {
    const request = response.request();
    // The page itself and the Server Actions (POSTs); never the event stream, which does not end.
    if (response.url().startsWith(E2E.appUrl) && (request.method() === "POST" || request.resourceType() === "document")) {
      bodies.push(response.text().catch(() => ""));
    }
  });
  await page.goto("/settings");
  const panel = page.getByRole("region", { name: "MultiMail" });
  const keys = panel.getByRole("list", { name: "MultiMail keys" });
  await expect(keys.getByRole("listitem").filter({ hasText: "Oversight key" })).toContainText("This key can list and decide held emails. Good.");
  await expect(keys.getByRole("listitem").filter({ hasText: "Send key" })).toContainText("This key can send edited drafts and replies, and cannot decide. Good.");
  await expect(keys.getByRole("listitem").filter({ hasText: "Admin key" })).toContainText("This key can manage webhooks and mailboxes. Good.");
  await expect(panel).toContainText("Signing secret: MULTIMAIL_WEBHOOK_SECRET");
  await expect(panel).toContainText("Reconciler (polls the pending list)");
  await expect(panel).toContainText("decisions waiting for MultiMail");

  const livekit = page.getByRole("region", { name: "LiveKit" });
  await expect(livekit).toContainText("Verified with your key");
  await expect(livekit).toContainText(/transcripts? received/);
  await expect(livekit).toContainText("LIVEKIT_URL");

  // Register: MultiMail emails the operator a code; a wrong one is refused with MultiMail's words.
  await panel.getByRole("button", { name: "Register our webhook" }).click();
  const codeForm = panel.locator("form").filter({ hasText: "A code was emailed to the operator." });
  await expect(codeForm).toBeVisible();
  await enterCode(page, codeForm, "AAA-AAA", "Register with this code");
  await expect(panel.getByRole("alert")).toContainText("MultiMail said: Invalid or expired approval code");
  await enterCode(page, codeForm, await operatorCode("create_webhook"), "Register with this code");
  await expect(panel.getByRole("status").filter({ hasText: "Webhook registered for" })).toContainText(`${E2E.appUrl}/api/webhooks/multimail`);
  await expect(panel.getByRole("status").filter({ hasText: "Webhook registered for" })).toContainText("MULTIMAIL_WEBHOOK_SECRET is set and wins");

  const ours = panel.getByRole("listitem").filter({ hasText: "ours" }).filter({ hasText: "oversight.pending" });
  await expect(ours).toHaveCount(1);
  const state = (await (await fetch(`${E2E.emulatorUrl}/__emulator/state`)).json()) as { subscriptions: { signing_secret: string }[] };
  const secrets = [
    ...state.subscriptions.map((s) => s.signing_secret),
    E2E.appEnv.MULTIMAIL_ADMIN_KEY!,
    E2E.appEnv.MULTIMAIL_OVERSIGHT_KEY!,
    E2E.appEnv.MULTIMAIL_SEND_KEY!,
    E2E.appEnv.SECRETS_KEY!,
  ];
  const seen = await Promise.all(bodies);
  expect(seen.length).toBeGreaterThan(3);
  for (const secret of secrets)
    expect(
      seen.some((body) => body.includes(secret)),
      "a secret reached the browser",
    ).toBe(false);
  await screensAt(page, "settings-connect");

  // Delete the new subscription again (the suite's own webhook keeps the environment's secret).
  page.once("dialog", (dialog) => void dialog.accept());
  await ours.getByRole("button", { name: /^Delete webhook/ }).click();
  await expect(ours).toHaveCount(0);
  await expect(panel.getByRole("listitem").filter({ hasText: "our address, secret not stored here" }).first()).toBeVisible();
});

test("an admin creates a mailbox with the operator's code, edits it, downgrades it and upgrades it through the trust ladder", async ({ page }) => {
  const local = `e2e-${Date.now().toString(36)}`;
  await page.goto("/settings");
  const panel = page.getByRole("region", { name: "MultiMail" });
  await panel.getByLabel("Address (part before @)").fill(local);
  await panel.getByLabel("Display name").first().fill("E2E Billing");
  await panel.getByRole("button", { name: "Create mailbox" }).click();
  const codeForm = panel.locator("form").filter({ hasText: "A code was emailed to the operator." });
  await expect(codeForm).toBeVisible();
  await enterCode(page, codeForm, await operatorCode("create_mailbox"), "Create with this code");
  const address = `${local}@acme-dental.example`;
  await expect(panel.getByRole("status").filter({ hasText: `Mailbox ${address} created` })).toBeVisible();

  // The same address again: MultiMail answers 409 before any code is emailed.
  await panel.getByLabel("Address (part before @)").fill(local);
  await panel.getByRole("button", { name: "Create mailbox" }).click();
  await expect(panel.getByRole("alert").first()).toContainText(`MultiMail said: Address already taken: ${address}`);

  const mailbox = panel.getByRole("listitem").filter({ hasText: address });
  await expect(mailbox).toContainText("gated_send");
  await mailbox.getByLabel("Display name").fill("E2E Billing Desk");
  await mailbox.getByLabel(/Signature block/).fill("— Acme Dental billing");
  await mailbox.getByLabel("Oversight mode (downgrades only)").selectOption("gated_all");
  await mailbox.getByRole("button", { name: "Save mailbox" }).click();
  await expect(mailbox.getByRole("status")).toHaveText("Saved at MultiMail.");
  await expect(mailbox.getByText("gated_all", { exact: true })).toBeVisible();

  // Back up to gated_send only through request-upgrade and the emailed code.
  await mailbox.getByLabel("Upgrade through the trust ladder").selectOption("gated_send");
  await mailbox.getByRole("button", { name: "Request upgrade" }).click();
  const upgradeForm = mailbox.locator("form").filter({ hasText: "A code was emailed to the operator." });
  await expect(upgradeForm).toBeVisible();
  await enterCode(page, upgradeForm, "ZZZ-ZZZ", "Upgrade with this code");
  await expect(mailbox.getByRole("alert")).toContainText("Invalid or expired upgrade code");
  await enterCode(page, upgradeForm, await operatorCode("upgrade_mailbox"), "Upgrade with this code");
  await expect(mailbox.getByRole("status")).toHaveText("Upgraded: the mailbox is now gated_send.");
  await expect(mailbox.getByText("gated_send", { exact: true })).toBeVisible();

  // Keyboard: the create form is reachable and labelled.
  await panel.getByLabel("Address (part before @)").focus();
  await page.keyboard.press("Tab");
  await expect(panel.getByLabel("Display name").first()).toBeFocused();
  await screensAt(page, "settings-connect-mailboxes");
  // The panel alone at phone width, readable without the rest of Settings.
  await page.setViewportSize({ width: 390, height: 900 });
  await panel.screenshot({ path: test.info().outputPath("multimail-panel-390.png") });
});

test("a reviewer cannot open Settings", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStatePath("reviewer") });
  const page = await context.newPage();
  await page.goto("/settings");
  await expect(page.getByRole("region", { name: "MultiMail" })).toHaveCount(0);
  await context.close();
});
