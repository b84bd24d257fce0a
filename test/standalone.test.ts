// The production server as the container runs it: `node .next/standalone/server.js`, with
// .next/static and public copied beside it as the Dockerfile does, against a real database (a fresh
// PostgreSQL database when TEST_DATABASE_URL is set, else PGlite) and the MultiMail emulator.
// Runs only with STANDALONE_REQUIRED=1 (npm test sets it right after its build), where a missing
// standalone output fails: in the unit-test step before the build, .next may hold an older build.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "@/sandbox/multimail/emulator";
import { freePort } from "./free-port";
import { DEMO_KEYS, demoEmulatorOptions } from "@/sandbox/multimail/seed";
import { prepareStandaloneRoot, STANDALONE_ROOT } from "./standalone-root";
import { createScratchDatabase } from "./scratch-database";

const root = STANDALONE_ROOT;
const server = path.join(root, "server.js");
const required = process.env.STANDALONE_REQUIRED === "1";
if (required && !existsSync(server)) throw new Error(".next/standalone/server.js is missing: next build did not write the standalone output");

describe.skipIf(!required)("the standalone server", () => {
  let app: ChildProcess | undefined;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let baseUrl = "";
  let output = "";
  let dropDatabase: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    prepareStandaloneRoot();
    emulator = await startEmulator(demoEmulatorOptions({ scanDelayMs: 10 }));
    const database: Record<string, string> = {};
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (adminUrl) {
      const scratch = await createScratchDatabase(adminUrl, "cs_standalone");
      database.DATABASE_URL = scratch.url;
      dropDatabase = scratch.drop;
    } else {
      dataDir = mkdtempSync(path.join(tmpdir(), "countersign-standalone-"));
      database.PGLITE_DIR = path.join(dataDir, "pglite");
    }
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      APP_URL: baseUrl,
      AUTH_SECRET: "standalone-test-secret-0123456789abcdef",
      MULTIMAIL_API_URL: emulator.url,
      MULTIMAIL_OVERSIGHT_KEY: DEMO_KEYS.oversight,
      MULTIMAIL_SEND_KEY: DEMO_KEYS.send,
      MULTIMAIL_WEBHOOK_SECRET: DEMO_KEYS.webhookSecret,
      LOG_LEVEL: "warn",
      ...database,
    };
    const child = spawn(process.execPath, [server], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    app = child;
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 45_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the standalone server exited (${child.exitCode}):\n${output}`);
      try {
        if ((await fetch(`${baseUrl}/api/health`)).ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`the standalone server did not answer /api/health within 45 s:\n${output.slice(-4_000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 90_000);

  afterAll(async () => {
    if (app && app.exitCode === null) {
      const exited = new Promise((r) => app!.once("exit", r));
      app.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (app.exitCode === null) app.kill("SIGKILL");
    }
    await emulator?.close();
    await dropDatabase?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers /api/health and /api/ready (database migrated from the traced drizzle folder, MultiMail reachable)", async () => {
    const health = await fetch(`${baseUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${baseUrl}/api/ready`);
    const body = (await ready.json()) as { ok: boolean; checks: Record<string, { ok: boolean }> };
    expect(body.checks).toMatchObject({ database: { ok: true }, migrations: { ok: true }, multimail: { ok: true } });
    expect(ready.status).toBe(200);
  });

  it("renders a page with its scripts and styles served from the copied static folder", async () => {
    // No account yet: every page leads to the first-run setup.
    const page = await fetch(`${baseUrl}/setup`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Countersign");
    const assets = [...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets.slice(0, 5)) expect((await fetch(`${baseUrl}${asset}`)).status, asset).toBe(200);
    expect((await fetch(`${baseUrl}/favicon.ico`)).status).toBe(200);
  });
});
