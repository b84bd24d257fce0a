// Section 6, realtime: an open queue in Chromium (Debian's, through Playwright), signed in as a
// reviewer; for each sample a held email in the emulator, then its signed webhook posted to the app,
// and the time until the row's subject is in the page (a MutationObserver stamps the moment). The
// page scripts are strings or unnamed arrows: tsx adds a `__name` helper to named functions, which
// does not exist in the page, and the app's CSP forbids eval (a string predicate for waitForFunction).
import { existsSync } from "node:fs";
import { signWebhookBody } from "@/lib/multimail/signature";
import { DEMO_KEYS, DEMO_MAILBOXES, sendHeld, waitUntilHeld } from "./emulator-mail";
import { BENCH_USER } from "./next-app";
import { summarize, type Summary } from "./stats";
import { webhookBody } from "./webhook-load";
import { CHROMIUM_ARGS, CHROMIUM_PATH as CHROMIUM } from "@/e2e/support/chromium";

/**
 * samples: webhook sent → row in the page; firstEvent: webhook sent → the page's first change event
 * (Server-Sent Events) for it, so a slow figure says whether the push or the refetch after it was slow.
 */
export type RealtimeResult = { skipped: string } | { samples: number[]; summary: Summary; firstEvent?: Summary; timeouts: number; note?: string };

export async function measureRealtime(appUrl: string, emulatorUrl: string, samples: number): Promise<RealtimeResult> {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)` };
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // Stamps each change event the dashboard's EventSource receives (an init script runs before the
    // page's own, outside its CSP).
    await page.addInitScript(`(() => {
      const Source = window.EventSource;
      window.__events = [];
      window.EventSource = class extends Source {
        constructor(...args) {
          super(...args);
          this.addEventListener("message", () => window.__events.push(Date.now()));
        }
      };
    })()`);
    await page.goto(`${appUrl}/login`);
    await page.getByLabel("Email").fill(BENCH_USER.email);
    await page.getByLabel("Password").fill(BENCH_USER.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { name: "Review queue" }).waitFor({ timeout: 30_000 });
    // Only this run's rows: the queue opened on a search for its token, so each new row lands on page one.
    const token = `rtbench${Date.now().toString(36)}`;
    await page.goto(`${appUrl}/?q=${token}`);
    await page.getByText("Live", { exact: true }).waitFor({ timeout: 30_000 });
    const latencies: number[] = [];
    const firstEvents: number[] = [];
    let timeouts = 0;
    let note: string | undefined;
    for (let i = 0; i < samples; i += 1) {
      const subject = `${token} sample ${i}`;
      const id = await sendHeld(emulatorUrl, subject, i);
      await waitUntilHeld(emulatorUrl, id);
      await page.evaluate(`(() => {
        const text = ${JSON.stringify(subject)};
        window.__seenAt = 0;
        window.__events = [];
        const check = () => {
          if (!window.__seenAt && document.body.textContent.includes(text)) {
            window.__seenAt = Date.now();
            observer.disconnect();
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        check();
      })()`);
      const body = webhookBody(id, DEMO_MAILBOXES.followups);
      const sentAt = Date.now();
      const response = await fetch(`${appUrl}/api/webhooks/multimail`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-multimail-signature": signWebhookBody(body, DEMO_KEYS.webhookSecret) },
        body,
      });
      if (!response.ok) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
      try {
        await page.waitForFunction(() => (window as unknown as { __seenAt: number }).__seenAt > 0, null, { timeout: 15_000, polling: 20 });
        const { seenAt, events } = (await page.evaluate("({ seenAt: window.__seenAt, events: window.__events })")) as { seenAt: number; events: number[] };
        latencies.push(seenAt - sentAt);
        const first = events.find((at) => at >= sentAt);
        if (first !== undefined) firstEvents.push(first - sentAt);
      } catch (error) {
        timeouts += 1;
        // Say whether the server had the row (a sync problem) or the page did not show it (a push problem).
        const api = await page.request.get(`${appUrl}/api/queue?q=${encodeURIComponent(subject)}`).then(
          (r) => r.text(),
          (e: Error) => e.message,
        );
        note ??= `${(error as Error).message.split("\n")[0]}; GET /api/queue?q=<subject> then answered ${api.slice(0, 160)}`;
      }
    }
    return {
      samples: latencies,
      summary: summarize(latencies),
      ...(firstEvents.length ? { firstEvent: summarize(firstEvents) } : {}),
      timeouts,
      ...(note ? { note } : {}),
    };
  } finally {
    await browser.close();
  }
}
