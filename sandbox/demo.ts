// `npm run demo`: the MultiMail emulator, Countersign on embedded PGlite, and a simulated voice
// agent sending held follow-ups, so a newcomer sees a living queue without any account.
import { spawn, spawnSync } from "node:child_process";
import { startEmulator } from "./multimail/emulator";
import { demoEmulatorOptions, DEMO_KEYS } from "./multimail/seed";
import { runAgent } from "./agent/run-agent";

const port = Number(process.env.PORT ?? 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 4010);
const appUrl = `http://127.0.0.1:${port}`;
const say = (line: string) => process.stdout.write(`${line}\n`);

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
  const emulator = await startEmulator(
    demoEmulatorOptions({ port: emulatorPort, webhookUrl: `${appUrl}/api/webhooks/multimail`, log: (l) => say(`[multimail] ${l}`) }),
  );
  const env = {
    ...process.env,
    PORT: String(port),
    MULTIMAIL_API_URL: emulator.url,
    MULTIMAIL_OVERSIGHT_KEY: DEMO_KEYS.oversight,
    MULTIMAIL_SEND_KEY: DEMO_KEYS.send,
    MULTIMAIL_WEBHOOK_SECRET: DEMO_KEYS.webhookSecret,
    PGLITE_DIR: process.env.PGLITE_DIR ?? ".data/demo",
    RECONCILE_INTERVAL_MS: process.env.RECONCILE_INTERVAL_MS ?? "10000",
  };
  if (!process.argv.includes("--no-build")) {
    say("Building Countersign (next build)…");
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const app = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { stdio: "inherit", env });
  const stop = () => {
    app.kill("SIGTERM");
    void emulator.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  app.on("exit", (code) => {
    say(`Countersign exited (${code ?? "signal"}).`);
    void emulator.close().finally(() => process.exit(code ?? 0));
  });

  await waitFor(`${appUrl}/api/health`, 60_000);
  await runAgent({ apiUrl: emulator.url, sendKey: DEMO_KEYS.send, delayMs: 400, log: say });
  say("");
  say(`Countersign is running at ${appUrl}`);
  say(`MultiMail emulator at ${emulator.url} (state: ${emulator.url}/__emulator/state)`);
  say("Press Ctrl+C to stop.");
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
