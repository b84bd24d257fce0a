// Email content is untrusted: a corpus of XSS payloads in subjects, bodies and metadata must not
// run in Chromium, on the queue or on the review page, and remote content stays blocked.
import { expect, test } from "@playwright/test";
import { sendHeldEmail } from "./fixtures/multimail";

const payloads = [
  `![tracker](https://tracker.example.com/pixel.gif)`,
  `<img src="https://tracker.example.com/open.gif">`,
  `<script>window.__xss = "script"</script>`,
  `<img src=x onerror="window.__xss='img'">`,
  `<svg onload="window.__xss='svg'"></svg>`,
  `<iframe srcdoc="<script>parent.__xss='iframe'</script>"></iframe>`,
  `[click me](javascript:window.__xss='link')`,
  `<a href="javascript:window.__xss='href'">link</a>`,
  `<details open ontoggle="window.__xss='toggle'">x</details>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss='mxss'">`,
  `<object data="data:text/html,<script>parent.__xss='object'</script>"></object>`,
  `"><script>window.__xss='attr'</script>`,
  `<body onload="window.__xss='body'">`,
  `<form action="javascript:window.__xss='form'"><button>go</button></form>`,
  `<style>@import url(https://tracker.example.com/x.css);</style>`,
];

test("XSS payloads in subject, body and metadata stay inert and remote content stays blocked", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const remoteRequests: string[] = [];
  await page.route("https://tracker.example.com/**", (route) => {
    remoteRequests.push(route.request().url());
    return route.fulfill({ status: 204 });
  });

  const sent = await sendHeldEmail({
    subject: `Invoice <img src=x onerror="window.__xss='subject'"> ${Date.now()}`,
    markdown: `Hello,\n\n${payloads.join("\n\n")}\n\nThanks`,
    metadata: {
      session_id: `<script>window.__xss='meta'</script>`,
      caller_name: `<img src=x onerror="window.__xss='caller'">`,
      caller_email: "caller@example.com",
      transcript_url: "javascript:window.__xss='transcript'",
      agent_note: `<svg onload="window.__xss='note'">`,
    },
  });

  await page.goto("/");
  const row = page.getByRole("link", { name: /Invoice/ }).filter({ hasText: String(sent.subject.split(" ").at(-1)) });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByRole("heading", { name: /Invoice/ })).toBeVisible();
  const frame = page.frameLocator('iframe[data-testid="email-body"]');
  await expect(frame.locator("body")).toContainText("Thanks");
  await page.getByRole("button", { name: "Markdown" }).click();
  await expect(page.getByLabel("Raw markdown")).toContainText("onerror");
  await page.getByRole("button", { name: "Rendered" }).click();
  await page.waitForTimeout(500);

  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  // The frame may never run scripts, and nothing remote was fetched before the reviewer asked.
  expect(await page.locator('iframe[data-testid="email-body"]').getAttribute("sandbox")).not.toContain("allow-scripts");
  expect(remoteRequests).toEqual([]);
  await expect(page.getByRole("link", { name: "Open transcript" })).toHaveCount(0);

  await page.getByRole("button", { name: "Load remote content" }).click();
  await expect.poll(() => remoteRequests.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
});
