// Section 7, keyboard triage: a reviewer in Chromium decides a queue of held emails of the demo's
// mix by keyboard alone, on `next start` (the production build) with PGlite and the emulator. The
// calls behind the emails are played by the demo's simulated agent (sandbox/agent: LiveKit webhooks,
// transcripts), so the evidence checks and their gates are the real ones: most drafts go to the
// caller (approve: `a`), some to an address the call does not confirm (gated: `a` to the checkbox,
// Space, `a`), some went stale when the customer replied (the same three keys), and some go to the
// wrong recipient (reject: `r`, `1`: with the undo period on, as deployed by default, a reason's
// number sends at once). Every key sent is counted; for each decision the time
// from the key that completes it to the next email's subject on screen is taken in the page (the
// key's event time to the animation frame after the heading changed). At the end MultiMail (the
// emulator) must hold exactly the intended decision for every email, or the section fails.
import { existsSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { playCall, type CallWorld } from "@/sandbox/agent/play-call";
import { scenarios, type CallScript } from "@/sandbox/agent/scenarios";
import { DEMO_KEYS, DEMO_MAILBOXES } from "./support/emulator-mail";
import { BENCH_USER, startNextApp } from "./support/next-app";
import { startEmulatorProcess } from "./support/processes";
import { progress, runSection } from "./support/section";
import { summarize, type Summary } from "./support/stats";
import { CHROMIUM_ARGS, CHROMIUM_PATH as CHROMIUM } from "@/e2e/support/chromium";

export type DecisionKind = "approve" | "gated" | "stale" | "reject";

export interface KeyboardInput {
  /** A snapshot of the production build (support/build-snapshot.ts). */
  appRoot: string;
  /** Emails to decide. */
  emails: number;
}

export interface KeyboardDecision {
  /** 1-based, in the order decided (the queue's order). */
  n: number;
  kind: DecisionKind;
  subject: string;
  keys: number;
  target: number;
  /** The completing key's event → the next email's subject heading painted; null for the queue's last email. */
  keyToNextMs: number | null;
  /** The completing key → the next email decidable (its recipient check loaded, Approve or a gate ready). */
  keyToReadyMs: number | null;
  /** API reads the page made from this decision's completing key to the next one's. */
  apiReads?: number;
}

export interface KeyboardKindSummary {
  decisions: number;
  keys: number;
  perDecision: number;
  target: number;
}

export interface KeyboardOutput {
  db: "pglite";
  emails: number;
  setupSeconds: number;
  runSeconds: number;
  decisions: KeyboardDecision[];
  keys: number;
  keysPerDecision: number;
  byKind: Record<DecisionKind, KeyboardKindSummary>;
  keyToNext: Summary;
  keyToReady: Summary;
  /** The last email: its completing key → back on the queue (the page waits for MultiMail's answer there). */
  lastToQueueMs: number | null;
  overTarget: { n: number; kind: DecisionKind; subject: string; keys: number; target: number }[];
  /**
   * Where the time goes, from the browser's network log, per decision (from its completing key to the
   * next one): RSC requests for the next review page (none: the page swaps the prefetched email in), when
   * the decision (POST /api/items/{id}/decision) left the browser after the key and how long it took, and how many
   * API reads the page made meanwhile (refetches after the live updates).
   */
  network: { rscNavigations: number; actionSent: Summary; action: Summary; apiReads: Summary };
  /** Median key → next email in the first and second half of the run, and the machine's 1-minute load at the start and end of deciding. */
  drift: { firstHalfMs: number; secondHalfMs: number; loadAtStart: number; loadAtEnd: number };
  /** What MultiMail holds at the end, checked against the intended decision of every email. */
  verified: { approved: number; rejected: number };
}

export type KeyboardResult = KeyboardOutput | { skipped: string };

/** Keys a decision should take: `a`; `a` Space `a`; `r` `1`. */
const TARGET_KEYS: Record<DecisionKind, number> = { approve: 1, gated: 3, stale: 3, reject: 2 };
/** The undo period the app runs with: the production default (e2e runs with none). */
const UNDO_GRACE_SECONDS = "10";
const KINDS: DecisionKind[] = ["approve", "gated", "stale", "reject"];
const REJECT_REASON = "Wrong recipient";
const FOLLOWUPS_ADDRESS = "followups@acme-dental.example";
/** The demo's mix: mostly clean follow-ups, some for an address the call does not confirm, a few stale, some to reject. */
function mixOf(count: number): DecisionKind[] {
  const reject = Math.round(count * 0.1);
  const stale = Math.round(count * 0.05);
  const gated = Math.round(count * 0.15);
  const kinds: DecisionKind[] = [
    ...Array<DecisionKind>(reject).fill("reject"),
    ...Array<DecisionKind>(stale).fill("stale"),
    ...Array<DecisionKind>(gated).fill("gated"),
    ...Array<DecisionKind>(Math.max(0, count - reject - stale - gated)).fill("approve"),
  ];
  // The same order every run (a seeded Fisher–Yates shuffle, mulberry32).
  let seed = 0x5eed;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = kinds.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  return kinds;
}

interface Planned {
  kind: DecisionKind;
  script: CallScript;
  /** The customer's reply that makes a stale draft stale. */
  reply?: { from: string; markdown: string };
}

/** Each email its own caller and address: a later call or reply from the same contact would make earlier drafts stale. */
function unique(address: string, ref: string): string {
  const [local, domain] = address.split("@");
  return `${local}.${ref}@${domain}`;
}

/**
 * The demo's calls (sandbox/agent/scenarios.ts) made into one email each: clean follow-ups are the
 * dental, restaurant and auto calls (the caller's own address, from LiveKit's participant metadata);
 * gated ones are those calls with a caller LiveKit knows no address for (the agent used the one on
 * file); stale ones are the plumbing estimate, answered by the customer by email afterwards; the ones
 * to reject are the claims call, whose follow-up goes to an address from the policy file.
 */
function planEmails(count: number, now = new Date()): Planned[] {
  const byKey = new Map(scenarios(now).map((s) => [s.key, s]));
  const clean = ["dental", "restaurant", "auto"].map((k) => byKey.get(k)!);
  const gated = ["dental", "restaurant"].map((k) => byKey.get(k)!);
  const seen: Record<DecisionKind, number> = { approve: 0, gated: 0, stale: 0, reject: 0 };
  return mixOf(count).map((kind, i) => {
    const ref = `kb${String(i + 1).padStart(3, "0")}`;
    const turn = seen[kind]++;
    const base = kind === "approve" ? clean[turn % clean.length]! : kind === "gated" ? gated[turn % gated.length]! : byKey.get(kind === "stale" ? "plumbing" : "claims")!;
    const callerEmail = typeof base.caller.metadata?.email === "string" ? base.caller.metadata.email : null;
    const ownAddress = callerEmail ? unique(callerEmail, ref) : null;
    const metadata: Record<string, unknown> = { ...base.caller.metadata };
    if (kind === "gated") delete metadata.email;
    else if (ownAddress) metadata.email = ownAddress;
    const to = base.email.to.map((a) => (a === callerEmail && ownAddress ? ownAddress : a));
    const script: CallScript = {
      ...base,
      roomName: `${base.roomName}-${ref}`,
      caller: {
        ...base.caller,
        identity: `${base.caller.identity}-${ref}`,
        metadata,
        ...(base.caller.phone ? { phone: `${base.caller.phone.slice(0, -4)}${String(1000 + i)}` } : {}),
      },
      email: {
        ...base.email,
        to,
        subject: `${base.email.subject} (ref ${ref.toUpperCase()})`,
        // The stale estimate has the time the caller asked for: the reviewer approves it once they have read the reply.
        markdown: kind === "stale" ? base.email.markdown.replace("at 9 AM", "at 10 AM") : base.email.markdown,
      },
    };
    return {
      kind,
      script,
      ...(kind === "stale" ? { reply: { from: to[0]!, markdown: "Hi,\n\nThanks for the estimate: Friday at 10 works for me. See you then.\n\nJames" } } : {}),
    };
  });
}

/** A decision leaving the browser: the review page posts approvals and rejections to the decision route. */
function isDecision(method: string, pathname: string): boolean {
  return method === "POST" && /^\/api\/items\/[^/]+\/decision$/.test(pathname);
}

async function json<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.url} → ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

interface QueueRowLite {
  id: string;
  subject: string;
  heldAt: string;
  emailId: string;
  inbox?: { stale: unknown };
}

async function allPending(page: Page, appUrl: string): Promise<{ rows: QueueRowLite[]; pending: number }> {
  const rows: QueueRowLite[] = [];
  let cursor: string | null = null;
  let pending = 0;
  do {
    const response = await page.request.get(`${appUrl}/api/queue?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    if (!response.ok()) throw new Error(`GET /api/queue → ${response.status()} ${(await response.text()).slice(0, 300)}`);
    const body = (await response.json()) as { rows: QueueRowLite[]; nextCursor: string | null; counts: { pending: number } };
    rows.push(...body.rows);
    pending = body.counts.pending;
    cursor = body.nextCursor;
  } while (cursor);
  return { rows, pending };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s${last ? ` (${(last as Error).message})` : ""}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// In the page (a string: tsx would give named functions a `__name` helper the page does not have,
// and the app's CSP forbids eval). Armed before the key that completes a decision: stamps that key's
// event time, then the frame after the next email's subject heading (or the queue) is on screen, and
// the frame after that email is decidable (its recipient check loaded).
const INSTRUMENT = `(() => {
  if (window.__kb) return;
  const kb = { armed: false, from: "", keyAt: 0, shownAt: 0, readyAt: 0, landed: "", subject: "", seen: false, ready: false };
  window.__kb = kb;
  const visible = (el) => Boolean(el) && el.checkVisibility();
  // While the next email loads, React keeps the previous one's page hidden in the document: only what is visible counts.
  const shown = (selector) => [...document.querySelectorAll(selector)].find(visible) || null;
  const check = () => {
    if (!kb.armed || kb.keyAt === 0) return;
    if (!kb.seen) {
      const heading = shown('article[aria-label="Draft"] h2');
      const text = heading ? heading.textContent.trim() : "";
      const queue = [...document.querySelectorAll("h1")].find((h) => h.textContent.trim() === "Review queue");
      if (text && text !== kb.from && visible(heading)) {
        kb.seen = true;
        kb.landed = "email";
        kb.subject = text;
        requestAnimationFrame(() => { kb.shownAt = performance.now(); check(); });
      } else if (visible(queue)) {
        kb.seen = true;
        kb.landed = "queue";
        requestAnimationFrame(() => { kb.shownAt = performance.now(); });
      }
      return;
    }
    if (kb.landed !== "email" || kb.shownAt === 0 || kb.ready) return;
    const approve = shown('button[aria-keyshortcuts="a"]');
    const gate = shown("#approve-gate");
    if (shown('section[aria-labelledby="evidence-title"]') && approve && !(gate && gate.textContent.startsWith("Checking"))) {
      kb.ready = true;
      requestAnimationFrame(() => { kb.readyAt = performance.now(); });
    }
  };
  new MutationObserver(check).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
  window.addEventListener("keydown", (event) => {
    if (kb.armed && kb.keyAt === 0) { kb.keyAt = event.timeStamp; check(); }
  }, true);
})()`;

interface Stamps {
  keyAt: number;
  shownAt: number;
  readyAt: number;
  landed: string;
  subject: string;
}

/** The draft's subject as the page shows it. */
async function shownSubject(page: Page): Promise<string> {
  return ((await page.locator('article[aria-label="Draft"] h2:visible').first().textContent({ timeout: 30_000 })) ?? "").trim();
}

runSection<KeyboardInput, KeyboardResult>(async (input) => {
  if (!Number.isInteger(input.emails) || input.emails < 1) throw new Error(`--keyboard takes a whole number of emails (at least 1), not ${input.emails}`);
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)` };
  const setupStarted = Date.now();
  const emulator = await startEmulatorProcess();
  const cleanups: (() => Promise<unknown>)[] = [() => emulator.close()];
  const dir = path.resolve(`.data/bench-keyboard-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  try {
    // e2e's environment (support/next-app.ts) with the default undo period: decisions wait 10 s in the outbox, as deployed.
    const app = await startNextApp(input.appRoot, emulator.url, { pgliteDir: dir }, { env: { UNDO_GRACE_SECONDS } });
    cleanups.unshift(() => app.close());
    progress(`keyboard: next start ready at ${app.url}`);
    // The emulator was started before the app's port was known: its webhooks go to the app from now on.
    await json(
      await fetch(`${emulator.url}/__emulator/webhooks/subscribe`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url: `${app.url}/api/webhooks/multimail`, secret: DEMO_KEYS.webhookSecret }),
      }),
    );

    // The calls, played by the demo's agent four at a time; each sends its follow-up as the agent's tool would.
    const plan = planEmails(input.emails);
    const world: CallWorld = {
      appUrl: app.url,
      livekit: { apiKey: app.env.LIVEKIT_API_KEY!, apiSecret: app.env.LIVEKIT_API_SECRET! },
      ingest: { key: app.env.TRANSCRIPT_INGEST_KEY!, secret: app.env.TRANSCRIPT_INGEST_SECRET! },
      sendEmail: async (script, metadata) => {
        const mailbox = script.mailbox === "support" ? DEMO_MAILBOXES.support : DEMO_MAILBOXES.followups;
        const body = await json<{ id: string }>(
          await fetch(`${emulator.url}/v1/mailboxes/${mailbox}/send`, {
            method: "POST",
            headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
            body: JSON.stringify({ to: script.email.to, subject: script.email.subject, markdown: script.email.markdown, metadata }),
          }),
        );
        return body.id;
      },
    };
    const emailIds: string[] = new Array<string>(plan.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < plan.length) {
          const i = next++;
          emailIds[i] = (await playCall(world, plan[i]!.script)).emailId;
        }
      }),
    );
    progress(`keyboard: ${plan.length} calls played, their follow-ups held`);

    const { chromium } = await import("@playwright/test");
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    cleanups.unshift(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    // The review page's RSC requests (not the router's prefetches), decisions (the decision route) and API reads, with their timing.
    const requests: { kind: "navigation" | "action" | "api"; startedAt: number; lastByte: number }[] = [];
    page.on("requestfinished", (request) => {
      const headers = request.headers();
      const pathname = new URL(request.url()).pathname;
      const kind =
        request.method() === "GET" && headers.rsc === "1" && !headers["next-router-prefetch"] && pathname.startsWith("/emails/")
          ? "navigation"
          : isDecision(request.method(), pathname)
            ? "action"
            : request.method() === "GET" && pathname.startsWith("/api/")
              ? "api"
              : null;
      if (!kind) return;
      const timing = request.timing();
      requests.push({ kind, startedAt: timing.startTime, lastByte: timing.responseEnd });
    });
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Email").fill(BENCH_USER.email);
    await page.getByLabel("Password").fill(BENCH_USER.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { name: "Review queue" }).waitFor({ timeout: 30_000 });

    const bySubject = new Map(plan.map((p, i) => [p.script.email.subject, { ...p, emailId: emailIds[i]!, index: i }]));
    await until("every held email in the queue", 180_000, async () => (await allPending(page, app.url)).pending >= plan.length);
    // The customers' replies come after the drafts are held, so the drafts are older than them: stale.
    for (const [i, p] of plan.entries()) {
      if (!p.reply) continue;
      await json(
        await fetch(`${emulator.url}/__emulator/inbound`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ to: FOLLOWUPS_ADDRESS, from: p.reply.from, from_name: p.script.caller.name, markdown: p.reply.markdown, in_reply_to: emailIds[i] }),
        }),
      );
    }
    // The mix must be what it claims before a key is pressed: stale exactly where a reply came, the
    // recipient gate exactly on the gated and the wrong-recipient emails.
    const rows = await until("the stale drafts marked stale", 120_000, async () => {
      const { rows } = await allPending(page, app.url);
      const mine = rows.filter((r) => bySubject.has(r.subject));
      return mine.length === plan.length && mine.every((r) => Boolean(r.inbox?.stale) === (bySubject.get(r.subject)!.kind === "stale")) ? mine : null;
    });
    const wrongGate: string[] = [];
    for (const row of rows) {
      const planned = bySubject.get(row.subject)!;
      const evidence = await until(`the evidence of “${row.subject}”`, 30_000, async () => {
        const response = await page.request.get(`${app.url}/api/items/${row.id}/evidence`);
        return response.ok() ? ((await response.json()) as { needsRecipientConfirmation: boolean; emailId: string }) : null;
      });
      const expected = planned.kind === "gated" || planned.kind === "reject";
      if (evidence.needsRecipientConfirmation !== expected) wrongGate.push(`${planned.kind} “${row.subject}” ${expected ? "has no" : "has a"} recipient gate`);
    }
    if (wrongGate.length) throw new Error(`the mix is not as planned, so the keys would not mean what they say: ${wrongGate.join("; ")}`);
    const setupSeconds = (Date.now() - setupStarted) / 1000;
    progress(`keyboard: the mix is as planned (set up in ${Math.round(setupSeconds)} s); deciding by keyboard`);

    // The queue's order (held time, then id, as `j` and the move after a decision follow it): open its first email.
    const first = [...rows].sort((a, b) => (a.heldAt === b.heldAt ? (a.id < b.id ? -1 : 1) : Date.parse(a.heldAt) - Date.parse(b.heldAt)))[0]!;
    const runStarted = Date.now();
    const loadAtStart = loadavg()[0]!;
    await page.goto(`${app.url}/emails/${first.id}`);
    await page.evaluate(INSTRUMENT);

    let presses = 0;
    const press = async (key: string) => {
      presses += 1;
      await page.keyboard.press(key);
    };
    /**
     * Presses `key` until `done` holds (each press counted), at most three times. When the press did
     * act (`acted`: the decision went to the server), it waits up to a minute before pressing again:
     * a slow answer is time, not a key the reviewer needed.
     */
    const pressUntil = async (key: string, what: string, done: () => Promise<boolean>, waitMs = 5_000, acted?: (since: number) => boolean) => {
      for (let attempt = 1; ; attempt += 1) {
        const pressedAt = Date.now();
        await press(key);
        let deadline = pressedAt + waitMs;
        for (;;) {
          if (await done()) return;
          if (Date.now() >= deadline) {
            if (!acted?.(pressedAt) || Date.now() - pressedAt > 60_000) break;
            deadline = pressedAt + 60_000;
          }
          await new Promise((r) => setTimeout(r, 20));
        }
        if (attempt >= 3) throw new Error(`${what}: still not after ${attempt} presses of ${key}`);
      }
    };
    // When the last decision left the browser.
    let actionSentAt = 0;
    page.on("request", (request) => {
      if (isDecision(request.method(), new URL(request.url()).pathname)) actionSentAt = Date.now();
    });
    const visibleOne = (selector: string) => `[...document.querySelectorAll(${JSON.stringify(selector)})].find((el) => el.checkVisibility())`;
    const focusedIs = (selector: string) => page.evaluate(`document.activeElement === ${visibleOne(selector)}`) as Promise<boolean>;
    const checked = (selector: string) => page.evaluate(`Boolean(${visibleOne(selector)}?.checked)`) as Promise<boolean>;
    const staleBox = 'section[aria-labelledby="stale-title"] input[type="checkbox"]';
    const firstReason = `input[type="radio"][value=${JSON.stringify(REJECT_REASON)}]`;

    const decisions: KeyboardDecision[] = [];
    /** Wall-clock time of each completing key, to find its requests in the network log. */
    const finalKeyAt: number[] = [];
    const decided = new Set<string>();
    let lastToQueueMs: number | null = null;
    for (let n = 1; ; n += 1) {
      const subject = await shownSubject(page);
      const planned = bySubject.get(subject);
      if (!planned) throw new Error(`decision ${n}: the page shows “${subject}”, which is none of this run's emails`);
      if (decided.has(subject)) throw new Error(`decision ${n}: “${subject}” was shown again after it was decided`);
      const { kind } = planned;
      // A reviewer reads the email before deciding: wait (untimed) until its checks are in and its keys can act.
      await page.locator('section[aria-labelledby="evidence-title"]:visible').waitFor({ timeout: 30_000 });
      if (kind === "approve") await page.locator('button[aria-keyshortcuts="a"]:not([disabled]):visible').waitFor({ timeout: 30_000 });
      else if (kind === "gated") await page.locator("#confirm-recipient:visible").waitFor({ timeout: 30_000 });
      else if (kind === "stale") await page.locator(`${staleBox}:visible`).waitFor({ timeout: 30_000 });
      else await page.locator('button[aria-keyshortcuts="r"]:not([disabled]):visible').waitFor({ timeout: 30_000 });

      const before = presses;
      if (kind === "gated" || kind === "stale") {
        const box = kind === "gated" ? "#confirm-recipient" : staleBox;
        await pressUntil("a", `${kind} “${subject}”: a takes the keyboard to the gate`, () => focusedIs(box));
        await pressUntil("Space", `${kind} “${subject}”: Space ticks the gate`, () => checked(box));
      } else if (kind === "reject") {
        await pressUntil("r", `reject “${subject}”: r opens the reasons`, () => page.locator(`${firstReason}:visible`).isVisible());
      }
      // The key that completes the decision, timed in the page.
      if (!(await page.evaluate("Boolean(window.__kb)"))) await page.evaluate(INSTRUMENT);
      await page.evaluate(
        `Object.assign(window.__kb, { armed: true, from: ${JSON.stringify(subject)}, keyAt: 0, shownAt: 0, readyAt: 0, landed: "", subject: "", seen: false, ready: false })`,
      );
      const finalKey = kind === "reject" ? "1" : "a";
      finalKeyAt.push(Date.now() - 5);
      await pressUntil(
        finalKey,
        `${kind} “${subject}”: ${finalKey} decides it and moves on`,
        async () => ((await page.evaluate("window.__kb?.shownAt ?? 0")) as number) > 0,
        10_000,
        (since) => actionSentAt >= since,
      );
      const landedOn = (await page.evaluate("window.__kb.landed")) as string;
      if (landedOn === "email")
        await until("the next email's checks", 30_000, async () => ((await page.evaluate("window.__kb.readyAt")) as number) > 0).catch(() => undefined);
      const stamps = (await page.evaluate("({ ...window.__kb })")) as Stamps;
      await page.evaluate("window.__kb.armed = false");
      decided.add(subject);
      const keys = presses - before;
      const toNext = stamps.landed === "email" ? stamps.shownAt - stamps.keyAt : null;
      decisions.push({
        n,
        kind,
        subject,
        keys,
        target: TARGET_KEYS[kind],
        keyToNextMs: toNext,
        keyToReadyMs: stamps.landed === "email" && stamps.readyAt > 0 ? stamps.readyAt - stamps.keyAt : null,
      });
      if (n % 10 === 0 || stamps.landed !== "email")
        progress(`keyboard: ${n} decided, ${presses} keys${toNext !== null ? `, last key → next ${toNext.toFixed(0)} ms` : ""}`);
      if (stamps.landed === "queue") {
        lastToQueueMs = stamps.shownAt - stamps.keyAt;
        break;
      }
    }
    const runSeconds = (Date.now() - runStarted) / 1000;
    if (decisions.length !== plan.length) throw new Error(`the keyboard reached the end of the queue after ${decisions.length} of ${plan.length} emails`);

    // MultiMail must hold exactly what was intended: a wrong decision makes the figures worthless.
    const wrong: string[] = [];
    let approved = 0;
    let rejected = 0;
    for (const [i, p] of plan.entries()) {
      const email = await until(`MultiMail's decision on “${p.script.email.subject}”`, 60_000, async () => {
        const e = await json<{ status: string; approved_at?: string | null; decision_reason?: string | null }>(
          await fetch(`${emulator.url}/__emulator/emails/${emailIds[i]}`),
        );
        return e.status === "pending_send_approval" ? null : e;
      }).catch(() => ({ status: "pending_send_approval", approved_at: null, decision_reason: null }));
      const isRejected = email.status === "rejected";
      const isApproved = !isRejected && Boolean(email.approved_at);
      if (p.kind === "reject") {
        if (isRejected && email.decision_reason?.startsWith(REJECT_REASON)) rejected += 1;
        else wrong.push(`“${p.script.email.subject}” should be rejected for “${REJECT_REASON}”; MultiMail has ${email.status} (${email.decision_reason ?? "no reason"})`);
      } else if (isApproved) approved += 1;
      else wrong.push(`“${p.script.email.subject}” (${p.kind}) should be approved; MultiMail has ${email.status}`);
    }
    if (wrong.length) throw new Error(`${wrong.length} email(s) not decided as intended: ${wrong.slice(0, 5).join("; ")}`);
    const left = (await allPending(page, app.url)).pending;
    if (left !== 0) throw new Error(`${left} email(s) still held in Countersign after the run`);

    // Each decision's requests: from its key to the next decision's key.
    const windowOf = (i: number) => requests.filter((r) => r.startedAt >= finalKeyAt[i]! && r.startedAt < (finalKeyAt[i + 1] ?? Infinity));
    const actions = finalKeyAt.flatMap((at, i) =>
      windowOf(i)
        .filter((r) => r.kind === "action")
        .slice(0, 1)
        .map((r) => ({ sent: r.startedAt - at, took: r.lastByte })),
    );
    const network = {
      rscNavigations: requests.filter((r) => r.kind === "navigation").length,
      actionSent: summarize(actions.map((a) => a.sent)),
      action: summarize(actions.map((a) => a.took)),
      apiReads: summarize(finalKeyAt.map((_, i) => windowOf(i).filter((r) => r.kind === "api").length)),
    };
    decisions.forEach((d, i) => (d.apiReads = windowOf(i).filter((r) => r.kind === "api").length));
    const half = Math.floor(decisions.length / 2);
    const toNextOf = (list: KeyboardDecision[]) => summarize(list.flatMap((d) => (d.keyToNextMs !== null ? [d.keyToNextMs] : []))).p50;
    const byKind = Object.fromEntries(
      KINDS.map((kind) => {
        const of = decisions.filter((d) => d.kind === kind);
        const keys = of.reduce((s, d) => s + d.keys, 0);
        return [kind, { decisions: of.length, keys, perDecision: of.length ? keys / of.length : Number.NaN, target: TARGET_KEYS[kind] }];
      }),
    ) as Record<DecisionKind, KeyboardKindSummary>;
    const keyToNext = summarize(decisions.flatMap((d) => (d.keyToNextMs !== null ? [d.keyToNextMs] : [])));
    const keyToReady = summarize(decisions.flatMap((d) => (d.keyToReadyMs !== null ? [d.keyToReadyMs] : [])));
    progress(
      `keyboard: ${decisions.length} decisions, ${presses} keys (${(presses / decisions.length).toFixed(2)} per decision), key → next email median ${keyToNext.p50.toFixed(0)} ms, p95 ${keyToNext.p95.toFixed(0)} ms`,
    );
    return {
      db: "pglite",
      emails: plan.length,
      setupSeconds,
      runSeconds,
      decisions,
      keys: presses,
      keysPerDecision: presses / decisions.length,
      byKind,
      keyToNext,
      keyToReady,
      lastToQueueMs,
      overTarget: decisions.filter((d) => d.keys > d.target).map((d) => ({ n: d.n, kind: d.kind, subject: d.subject, keys: d.keys, target: d.target })),
      network,
      drift: { firstHalfMs: toNextOf(decisions.slice(0, half)), secondHalfMs: toNextOf(decisions.slice(half)), loadAtStart, loadAtEnd: loadavg()[0]! },
      verified: { approved, rejected },
    };
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
});
