// Four-eyes: an email a reviewer edited must be approved by someone else. Runs in the serial
// project because the switch is deployment-wide.
import { expect, test } from "@playwright/test";
import { emulatorEmails, sendHeldEmail } from "./fixtures/multimail";
import { storageStatePath } from "./support/users";

test("with four-eyes on, the editor cannot approve their edit and a second reviewer can", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageStatePath("admin") });
  const ap = await admin.newPage();
  await ap.goto("/settings");
  const toggle = ap.getByRole("checkbox", { name: /Four-eyes/ });
  await toggle.check();
  await expect(toggle).toBeChecked();

  try {
    const sent = await sendHeldEmail();
    const rita = await browser.newContext({ storageState: storageStatePath("reviewer") });
    const rp = await rita.newPage();
    await rp.goto("/");
    await rp.getByRole("link", { name: new RegExp(sent.subject) }).click();
    await rp.getByRole("button", { name: /^Edit/ }).click();
    const edited = `${sent.subject} v2`;
    await rp.getByLabel("Subject").fill(edited);
    await rp.getByRole("button", { name: "Save edit and approve" }).click();
    await expect.poll(async () => (await emulatorEmails()).find((e) => e.subject === edited)?.status, { timeout: 20_000 }).toBe("pending_send_approval");

    // Back in the queue, flagged for a second reviewer; Rita may not approve it.
    await rp.goto("/");
    await rp.getByRole("link", { name: new RegExp(`${edited}`) }).click();
    await expect(rp.getByText(/four-eyes is on, so another reviewer must approve it/)).toBeVisible();
    await rp.getByRole("button", { name: /^Approve/ }).click();
    await expect(rp.getByText("You wrote or edited this email. Four-eyes is on")).toBeVisible();
    await rp.getByRole("link", { name: "← Queue" }).click();
    await rita.close();

    const sam = await browser.newContext({ storageState: storageStatePath("second") });
    const sp = await sam.newPage();
    await sp.goto("/");
    await sp.getByRole("link", { name: new RegExp(`${edited}`) }).click();
    const take = sp.getByRole("button", { name: "Take over" });
    if (await take.isVisible()) await take.click();
    await sp.getByRole("button", { name: /^Approve/ }).click();
    await expect.poll(async () => (await emulatorEmails()).find((e) => e.subject === edited)?.status).toBe("approved_and_sent");
    await sam.close();
  } finally {
    await ap.goto("/settings");
    await ap.getByRole("checkbox", { name: /Four-eyes/ }).uncheck();
    await expect(ap.getByRole("checkbox", { name: /Four-eyes/ })).not.toBeChecked();
    await admin.close();
  }
});
