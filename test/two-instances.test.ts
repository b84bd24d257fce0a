// Two Countersign instances on one PostgreSQL, behind nothing but two ports, as a horizontally scaled
// deployment runs them (the standalone server of the build, each with its background worker): a
// webhook to one shows in a queue open on the other within a second (LISTEN/NOTIFY), and the
// reconciler runs on one at a time (its lease), so MultiMail is polled at one instance's pace.
// Runs with STANDALONE_REQUIRED=1 (npm test sets it after its build) and a PostgreSQL server.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhookBody } from "@/lib/multimail/signature";
import { startEmulator } from "@/sandbox/multimail/emulator";
import { freePort } from "./free-port";
import { DEMO_KEYS, DEMO_MAILBOXES, demoEmulatorOptions } from "@/sandbox/multimail/seed";
import { prepareStandaloneRoot, STANDALONE_ROOT } from "./standalone-root";
import { createScratchDatabase } from "./scratch-database";

const root = STANDALONE_ROOT;
const server = path.join(root, "server.js");
const required = process.env.STANDALONE_REQUIRED === "1" && Boolean(process.env.TEST_DATABASE_URL);
const AUTH_SECRET = "two-instances-test-secret-0123456789abcdef";
const RECONCILE_MS = 1_000;

interface Instance {
  url: string;
  child: ChildProcess;
  output: string;
}

describe.skipIf(!required)("two instances on one PostgreSQL", () => {
  const instances: Instance[] = [];
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let databaseUrl = "";
  let dropDatabase: (() => Promise<void>) | undefined;
  let cookie = "";
  let samCookie = "";

  async function start(env: Record<string, string>): Promise<Instance> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [server], {
      cwd: root,
      env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1", APP_URL: url } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const instance: Instance = { url, child, output: "" };
    child.stdout?.on("data", (chunk: Buffer) => (instance.output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (instance.output += chunk.toString()));
    instances.push(instance);
    return instance;
  }

  async function healthy(instance: Instance) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (instance.child.exitCode !== null) throw new Error(`an instance exited (${instance.child.exitCode}):\n${instance.output}`);
      try {
        if ((await fetch(`${instance.url}/api/health`)).ok) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`an instance did not answer within 60 s:\n${instance.output.slice(-4_000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  beforeAll(async () => {
    prepareStandaloneRoot();
    emulator = await startEmulator(demoEmulatorOptions({ scanDelayMs: 10 }));
    const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, "cs_two");
    databaseUrl = scratch.url;
    dropDatabase = scratch.drop;
    const env = {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET,
      MULTIMAIL_API_URL: emulator.url,
      MULTIMAIL_OVERSIGHT_KEY: DEMO_KEYS.oversight,
      MULTIMAIL_SEND_KEY: DEMO_KEYS.send,
      MULTIMAIL_WEBHOOK_SECRET: DEMO_KEYS.webhookSecret,
      RECONCILE_INTERVAL_MS: String(RECONCILE_MS),
      OUTBOX_INTERVAL_MS: "500",
      UNDO_GRACE_SECONDS: "0",
      LOG_LEVEL: "warn",
    };
    // One first, so the migrations run once; the second joins a migrated database.
    await healthy(await start(env));
    await healthy(await start(env));

    const signedIn = async (email: string, on: Instance) => {
      const created = spawnSync(
        process.execPath,
        ["--import", "tsx", "scripts/user-create.ts", "--email", email, "--password", "reviewer-password-1", "--role", "reviewer"],
        { env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET, LOG_LEVEL: "silent" }, encoding: "utf8" },
      );
      if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr}`);
      const post = () =>
        fetch(`${on.url}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: on.url },
          body: JSON.stringify({ email, password: "reviewer-password-1" }),
        });
      // user:create takes seconds: the keep-alive socket of the health checks may be closed by the
      // server (its keep-alive timeout) just as this request goes out on it. Once more on a new one.
      const signIn = await post().catch((error: unknown) => {
        if ((error as { cause?: { code?: string } }).cause?.code !== "UND_ERR_SOCKET") throw error;
        return post();
      });
      expect(signIn.status).toBe(200);
      return signIn.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
    };
    cookie = await signedIn("rita@example.com", instances[0]!);
    samCookie = await signedIn("sam@example.com", instances[1]!);
  }, 180_000);

  afterAll(async () => {
    for (const { child } of instances) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await emulator?.close();
    await dropDatabase?.();
  });

  /** An email MultiMail holds, and the signed oversight.pending webhook announcing it. */
  async function heldEmail(subject: string) {
    const sent = await fetch(`${emulator.url}/v1/mailboxes/${DEMO_MAILBOXES.followups}/send`, {
      method: "POST",
      headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
      body: JSON.stringify({ to: ["caller@example.com"], subject, markdown: "See you **Tuesday at 3 PM**." }),
    });
    const { id } = (await sent.json()) as { id: string };
    for (let i = 0; i < 100; i++) {
      const email = (await (await fetch(`${emulator.url}/__emulator/emails/${id}`)).json()) as { status: string };
      if (email.status === "pending_send_approval") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const rawBody = JSON.stringify({ event: "oversight.pending", timestamp: new Date().toISOString(), data: { email_id: id, mailbox_id: DEMO_MAILBOXES.followups } });
    return { id, rawBody, signature: signWebhookBody(rawBody, DEMO_KEYS.webhookSecret) };
  }

  /** Approves as the review page does: the decision route, with the session cookie and the page's origin. */
  async function approveOn(on: Instance, who: string, item: { id: string; emailId: string }): Promise<string> {
    const response = await fetch(`${on.url}/api/items/${item.id}/decision`, {
      method: "POST",
      headers: { cookie: who, "content-type": "application/json", origin: on.url },
      body: JSON.stringify({ action: "approve", emailId: item.emailId, confirmRecipient: true }),
    });
    return response.text();
  }

  /** Calls a Server Action over HTTP as the browser does (its id from the build's manifest). */
  async function callAction(on: Instance, who: string, name: string, input: Record<string, unknown>, page: string): Promise<string> {
    const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName: string }> };
    const id = Object.entries(manifest.node).find(([, a]) => a.exportedName === name)?.[0];
    if (!id) throw new Error(`no Server Action ${name} in the build`);
    const response = await fetch(`${on.url}${page}`, {
      method: "POST",
      headers: { cookie: who, "next-action": id, "content-type": "text/plain;charset=UTF-8", origin: on.url, accept: "text/x-component" },
      body: JSON.stringify([input]),
    });
    return response.text();
  }

  it("shows a webhook received by one instance in a queue open on the other within a second", async () => {
    const [a, b] = instances as [Instance, Instance];
    // The queue open on B: its live-updates stream.
    const controller = new AbortController();
    const stream = await fetch(`${b.url}/api/events`, { headers: { cookie, accept: "text/event-stream" }, signal: controller.signal });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    /** Told the time B's stream announces the next item created. */
    const listener: { waiter: ((at: number) => void) | null } = { waiter: null };
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        received += decoder.decode(value, { stream: true });
        if (listener.waiter && received.includes('"item.created"')) {
          listener.waiter(Date.now());
          listener.waiter = null;
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 300)); // the stream is listening

    // Three webhooks in turn: the best of them shows the path's own delay, not a busy moment of the machine.
    const delays: number[] = [];
    const subjects: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const subject = `Two instances ${randomUUID().slice(0, 8)}`;
      subjects.push(subject);
      const { rawBody, signature } = await heldEmail(subject);
      received = "";
      const arrived = new Promise<number | null>((resolve) => {
        listener.waiter = resolve;
        setTimeout(() => resolve(null), 5_000);
      });
      const postedAt = Date.now();
      const webhook = await fetch(`${a.url}/api/webhooks/multimail`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-multimail-signature": signature },
        body: rawBody,
      });
      expect(webhook.status).toBe(200);
      const seenAt = await arrived;
      expect(seenAt, `B's stream got: ${received.slice(-500)}`).not.toBeNull();
      delays.push(seenAt! - postedAt);
      if (delays.at(-1)! < 1_000) break;
    }
    controller.abort();
    expect(Math.min(...delays), `delays ${delays.join(", ")} ms`).toBeLessThan(1_000);

    const queue = (await (await fetch(`${b.url}/api/queue`, { headers: { cookie } })).json()) as { rows: { subject: string }[] };
    for (const subject of subjects) expect(queue.rows.map((r) => r.subject)).toContain(subject);
  });

  it("polls MultiMail's pending list from one instance at a time", async () => {
    const since = Date.now();
    await new Promise((r) => setTimeout(r, 10 * RECONCILE_MS));
    const { requests } = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as { requests: { at: string; method: string; path: string }[] };
    const polls = requests.filter((r) => r.method === "GET" && r.path.startsWith("/v1/oversight/pending") && Date.parse(r.at) >= since);
    // One reconciler every second for ten seconds: at most ten passes (fewer on a busy machine; each
    // pass reads one page here), where two instances polling on their own would make about twenty.
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(polls.length).toBeLessThanOrEqual(13);
  });

  it("resolves a decision on one instance racing a take-over on the other to one decide call", async () => {
    const [a, b] = instances as [Instance, Instance];
    const subject = `Race across instances ${randomUUID().slice(0, 8)}`;
    const held = await heldEmail(subject);
    await fetch(`${a.url}/api/webhooks/multimail`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-multimail-signature": held.signature },
      body: held.rawBody,
    });
    let item: { id: string; emailId: string } | undefined;
    for (let i = 0; i < 100 && !item; i++) {
      const queue = (await (await fetch(`${a.url}/api/queue`, { headers: { cookie } })).json()) as { rows: { id: string; emailId: string; subject: string }[] };
      item = queue.rows.find((r) => r.subject === subject);
      if (!item) await new Promise((r) => setTimeout(r, 50));
    }
    expect(item).toBeDefined();
    const page = `/emails/${item!.id}`;
    // Rita opens it on A; Sam takes it over on B while Rita approves on A.
    expect(await callAction(a, cookie, "claimEmailAction", { itemId: item!.id }, page)).toContain('"claimed"');
    const [takeOver, approve] = await Promise.all([
      callAction(b, samCookie, "claimEmailAction", { itemId: item!.id, takeOver: true }, page),
      approveOn(a, cookie, item!),
    ]);
    // Whichever landed first, the other is answered plainly (never a 500), and MultiMail hears one decision.
    expect(takeOver).toMatch(/"(data|error)"/);
    if (!approve.includes('"delivery"')) {
      // Sam's take-over won: Rita's approval was refused, and Sam decides.
      expect(approve).toContain('"error"');
      expect(await approveOn(b, samCookie, item!)).toContain('"delivery"');
    }
    const decided = async () => {
      const { by_email } = (await (await fetch(`${emulator.url}/__emulator/decide-calls?email_id=${held.id}`)).json()) as {
        by_email: Record<string, { calls: number; applied: number }>;
      };
      return by_email[held.id] ?? { calls: 0, applied: 0 };
    };
    for (let i = 0; i < 50 && (await decided()).applied === 0; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1_500)); // both outboxes have had their turn
    expect(await decided()).toEqual({ calls: 1, applied: 1, faulted: 0 });
  });
});
