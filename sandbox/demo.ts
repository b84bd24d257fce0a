// `npm run demo`: the MultiMail emulator, a LiveKit RoomService stand-in, Countersign on embedded
// PGlite, and a simulated voice agent playing whole calls (signed LiveKit webhooks, transcripts,
// held follow-ups), so a newcomer sees a living queue without any account.
//
// Flags and settings: --port <n> or PORT (app, default 3000), EMULATOR_PORT (MultiMail emulator,
// default 4010), HOST (address the app listens on, default 127.0.0.1; 0.0.0.0 for other machines,
// then set APP_URL to the address they use), --no-build (use the last build as is), --rebuild
// (build even when nothing changed). The build is reused when its inputs did not change (build-inputs.ts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { buildIsCurrent, recordBuild } from "./build-inputs";
import { pipeFormatted } from "./log-format";
import { startEmulator } from "./multimail/emulator";
import { demoEmulatorOptions, DEMO_KEYS } from "./multimail/seed";
import { sendCustomerReplies } from "./agent/customer-replies";
import { runAgent } from "./agent/run-agent";
import { DEMO_INGEST, DEMO_LIVEKIT } from "./livekit/demo-keys";
import { startTwirpFake } from "./livekit/twirp-fake";

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i !== -1) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function portFrom(value: string | undefined, fallback: number, what: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65_535) throw new Error(`${what} must be a port number (1–65535), got ${JSON.stringify(value)}`);
  return n;
}

const port = portFrom(flag("--port") ?? process.env.PORT, 3000, "--port / PORT");
const emulatorPort = portFrom(process.env.EMULATOR_PORT, 4010, "EMULATOR_PORT");
const host = process.env.HOST || "127.0.0.1";
const appUrl = process.env.APP_URL ?? `http://127.0.0.1:${port}`;
const say = (line: string) => process.stdout.write(`${line}\n`);
const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

/** The sign-in accounts, in a box, printed last so they are not lost in the start-up lines. */
function box(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length));
  const edge = `+${"-".repeat(width + 2)}+`;
  return [edge, ...lines.map((l) => `| ${l.padEnd(width)} |`), edge].join("\n");
}

const DEMO_USERS = [
  { email: "admin@demo.countersign.test", name: "Alex Admin", role: "admin", password: "demo-admin-password" },
  { email: "riley@demo.countersign.test", name: "Riley Reviewer", role: "reviewer", password: "demo-review-password" },
  { email: "sam@demo.countersign.test", name: "Sam Second", role: "reviewer", password: "demo-review-password" },
  { email: "vic@demo.countersign.test", name: "Vic Viewer", role: "viewer", password: "demo-viewer-password" },
] as const;

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

async function main() {
  const emulator = await startEmulator(demoEmulatorOptions({ port: emulatorPort, webhookUrl: `${appUrl}/api/webhooks/multimail`, log: (l) => say(`[multimail] ${l}`) }));
  const livekit = await startTwirpFake(DEMO_LIVEKIT);
  const env = {
    ...process.env,
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: DEMO_LIVEKIT.apiKey,
    LIVEKIT_API_SECRET: DEMO_LIVEKIT.apiSecret,
    TRANSCRIPT_INGEST_KEY: DEMO_INGEST.key,
    TRANSCRIPT_INGEST_SECRET: DEMO_INGEST.secret,
    APP_URL: appUrl,
    PORT: String(port),
    MULTIMAIL_API_URL: emulator.url,
    MULTIMAIL_OVERSIGHT_KEY: DEMO_KEYS.oversight,
    MULTIMAIL_SEND_KEY: DEMO_KEYS.send,
    MULTIMAIL_WEBHOOK_SECRET: DEMO_KEYS.webhookSecret,
    // Settings → MultiMail: webhooks and mailboxes; the operator's approval codes are printed as [multimail] lines.
    MULTIMAIL_ADMIN_KEY: DEMO_KEYS.admin,
    SECRETS_KEY: process.env.SECRETS_KEY ?? "demo-only-secrets-key-not-for-production-0001",
    PGLITE_DIR: process.env.PGLITE_DIR ?? ".data/demo",
    // A demo-only secret; real deployments set their own or let Countersign generate one.
    AUTH_SECRET: process.env.AUTH_SECRET ?? "demo-only-secret-not-for-production-use-0001",
    RECONCILE_INTERVAL_MS: process.env.RECONCILE_INTERVAL_MS ?? "10000",
  };
  // Demo accounts, created from the shell like an operator would (npm run user:create).
  const pgliteDir = env.PGLITE_DIR;
  if (!existsSync(pgliteDir)) {
    for (const u of DEMO_USERS) {
      const created = spawnSync("npx", ["tsx", "scripts/user-create.ts", "--email", u.email, "--password", u.password, "--role", u.role, "--name", u.name], {
        stdio: "inherit",
        env,
      });
      if (created.status !== 0) throw new Error(`could not create the demo user ${u.email}`);
    }
  }
  if (process.argv.includes("--no-build")) {
    say("Using the last build as is (--no-build).");
  } else if (!process.argv.includes("--rebuild") && buildIsCurrent(env)) {
    say("Reusing the last build: no source file, dependency, config or build setting changed since (--rebuild forces one).");
  } else {
    say("Building Countersign (next build)…");
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
    if (build.status !== 0) throw new Error("next build failed");
    recordBuild(env);
  }
  // The app logs JSON lines (lib/logger.ts); here they are shown one readable line each.
  const app = spawn("npx", ["next", "start", "-p", String(port), "-H", host], { stdio: ["ignore", "pipe", "pipe"], env });
  pipeFormatted(app.stdout, process.stdout, colour);
  pipeFormatted(app.stderr, process.stderr, colour);
  const stop = () => {
    app.kill("SIGTERM");
    void Promise.all([emulator.close(), livekit.close()]).finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  app.on("exit", (code) => {
    say(`Countersign exited (${code ?? "signal"}).`);
    void Promise.all([emulator.close(), livekit.close()]).finally(() => process.exit(code ?? 0));
  });

  await waitFor(`${appUrl}/api/health`, 60_000);
  await runAgent({
    apiUrl: emulator.url,
    sendKey: DEMO_KEYS.send,
    appUrl,
    livekit: DEMO_LIVEKIT,
    ingest: DEMO_INGEST,
    rooms: { add: (room) => void livekit.addRoom(room), remove: (name) => livekit.removeRoom(name) },
    delayMs: 400,
    log: say,
  });
  // A little later a customer answers a follow-up by email: a live thread and a stale hold.
  const replyDelayMs = Number(process.env.DEMO_REPLY_DELAY_MS ?? 20_000);
  setTimeout(() => {
    sendCustomerReplies(emulator.url, undefined, (l) => say(`[customer] ${l}`)).catch((error: unknown) => say(`[customer] reply failed: ${String(error)}`));
  }, replyDelayMs).unref();
  say("");
  say(`MultiMail emulator at ${emulator.url} (state: ${emulator.url}/__emulator/state)`);
  say(`LiveKit RoomService stand-in at ${livekit.url}`);
  say(`In about ${Math.round(replyDelayMs / 1000)} s a customer replies by email: see Inbox, and the stale flag in the queue.`);
  say("");
  say(
    box([
      `Countersign is running at ${appUrl}${host === "127.0.0.1" ? "" : ` (listening on ${host})`}`,
      "",
      "Sign in as any of these demo accounts:",
      ...DEMO_USERS.map((u) => `  ${u.role.padEnd(9)} ${u.email.padEnd(28)} password: ${u.password}`),
      "",
      "Press Ctrl+C to stop.",
    ]),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
