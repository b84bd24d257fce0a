// Downstream hooks from an admin's side: register a hook in Settings pointing at a receiver this test
// runs, a reviewer approves a held email, the receiver gets item.approved (and email.delivered once
// MultiMail delivers it) signed with the secret Settings showed once, and the delivery log shows it
// with a working re-send. Other journeys approve emails meanwhile: only this test's email counts.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { readBody, verifyCountersignSignature } from "../examples/hook-receiver.mjs";
import { sendHeldEmail } from "./fixtures/multimail";
import { screensAt } from "./support/screens";
import { storageStatePath } from "./support/users";

interface Received {
  headers: IncomingHttpHeaders;
  body: { id: string; event: string; data: Record<string, unknown> };
  valid: boolean;
}

let server: Server;
let receiverUrl = "";
let secret = "";
const received: Received[] = [];

test.beforeAll(async () => {
  server = createServer(async (request, response) => {
    const raw = await readBody(request);
    const valid = verifyCountersignSignature({
      secret,
      timestamp: request.headers["x-countersign-timestamp"],
      signature: request.headers["x-countersign-signature"],
      body: raw,
    });
    received.push({ headers: request.headers, body: JSON.parse(raw) as Received["body"], valid });
    response.writeHead(valid ? 204 : 401).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/countersign-hook`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test("an admin registers a hook; a reviewer's approval reaches it signed, and the delivery log shows it with a re-send", async ({ page, browser }) => {
  const admin = await browser.newContext({ storageState: storageStatePath("admin") });
  const ap = await admin.newPage();
  await ap.goto("/settings");
  const panel = ap.getByRole("region", { name: "Hooks" });
  await panel.getByLabel("URL that receives the events").fill(receiverUrl);
  await expect(panel.getByRole("checkbox", { name: "item.approved" })).toBeChecked();
  await panel.getByRole("checkbox", { name: "email.delivered" }).check();
  await panel.getByRole("button", { name: "Register hook" }).click();
  const shown = panel.getByLabel("Signing secret");
  await expect(shown).toHaveValue(/^whsec_/);
  secret = await shown.inputValue();
  const hook = panel.getByRole("list", { name: "Registered hooks" }).getByRole("listitem").filter({ hasText: receiverUrl });
  await expect(hook).toContainText("item.approved, email.delivered");
  // A scheme other than http(s) is refused with a clear message.
  await panel.getByLabel("URL that receives the events").fill("ftp://example.com/hook");
  await panel.getByRole("button", { name: "Register hook" }).click();
  await expect(panel.getByRole("alert")).toContainText("Only http and https URLs");
  // The secret is shown once: a reload no longer has it anywhere on the page.
  await ap.reload();
  await expect(ap.getByRole("heading", { name: "Settings" })).toBeVisible();
  expect(await ap.content()).not.toContain(secret.slice(6));

  const sent = await sendHeldEmail();
  await page.goto("/");
  await page.getByRole("link", { name: new RegExp(sent.subject) }).click();
  await page.getByRole("button", { name: /^Approve/ }).click();

  const mine = (event: string) => received.filter((r) => r.body.event === event && r.body.data.subject === sent.subject);
  await expect.poll(() => mine("item.approved").length, { timeout: 30_000 }).toBe(1);
  const approved = mine("item.approved")[0]!;
  expect(approved.valid).toBe(true);
  expect(approved.headers["x-countersign-event"]).toBe("item.approved");
  expect(approved.headers["x-countersign-delivery"]).toBe(approved.body.id);
  expect(approved.body.data).toMatchObject({ emailId: sent.id, decidedBy: expect.stringContaining("Rita Reviewer"), reviewUrl: expect.stringMatching(/\/emails\//) });
  // MultiMail delivers the approved email: the hook hears that too.
  await expect.poll(() => mine("email.delivered").length, { timeout: 30_000 }).toBe(1);
  expect(mine("email.delivered")[0]!.valid).toBe(true);

  await ap.reload();
  const registered = ap
    .getByRole("region", { name: "Hooks" })
    .getByRole("list", { name: "Registered hooks" })
    .getByRole("listitem")
    .filter({ hasText: receiverUrl })
    .first();
  await registered.getByText(/^Delivery log/).click();
  const delivery = registered.getByRole("listitem", { name: "Delivery item.approved delivered" }).filter({ hasText: approved.body.id });
  await expect(delivery).toContainText("HTTP 204");
  await screensAt(ap, "settings-hooks");

  await delivery.getByRole("button", { name: /^Re-send/ }).click();
  await expect.poll(() => received.filter((r) => r.body.id === approved.body.id).length).toBe(2);
  await expect(registered.getByRole("listitem", { name: "Delivery item.approved delivered" }).filter({ hasText: approved.body.id })).toContainText("re-sent");

  // Removing the hook stops the deliveries (other journeys keep approving).
  await registered.getByRole("button", { name: `Remove hook ${receiverUrl}` }).click();
  await expect(ap.getByRole("list", { name: "Registered hooks" }).getByRole("listitem").filter({ hasText: receiverUrl })).toHaveCount(0);
  await admin.close();
});
