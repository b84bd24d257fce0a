// The production build under `next start`, with the environment the e2e suite gives it
// (e2e/support/ports.ts) pointed at this run's emulator, database and port.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { E2E } from "@/e2e/support/ports";
import { NODE_ARGS, endWithThisProcess } from "./child";
import { freePort, stopProcess, waitForUrl } from "./processes";

export const BENCH_USER = { email: "bench.reviewer@bench.test", password: "bench-password-1", name: "Bench Reviewer", role: "reviewer" } as const;

export interface NextApp {
  url: string;
  child: ChildProcess;
  env: Record<string, string>;
  /** The app's own output, for a failure's message. */
  log(): string;
  close(): Promise<void>;
}

/**
 * e2e's app environment, except: this run's port, emulator and database; no OIDC provider runs, so
 * none is configured; the reconciler at its production interval (e2e's 2 s would compete with the
 * measured load); logs at warn.
 */
export function appEnv(port: number, emulatorUrl: string, database: { url?: string; pgliteDir?: string }): Record<string, string> {
  const env: Record<string, string> = { ...E2E.appEnv };
  for (const key of Object.keys(env)) if (key.startsWith("OIDC_")) delete env[key];
  delete env.RECONCILE_INTERVAL_MS;
  delete env.PGLITE_DIR;
  return {
    ...env,
    NODE_ENV: "production",
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    MULTIMAIL_API_URL: emulatorUrl,
    LOG_LEVEL: process.env.BENCH_APP_LOG_LEVEL ?? "warn",
    ...(database.url ? { DATABASE_URL: database.url } : { PGLITE_DIR: database.pgliteDir! }),
  };
}

/** Creates the reviewer the realtime check signs in as (scripts/user-create.ts, as e2e does). */
export function createBenchUser(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...NODE_ARGS, "scripts/user-create.ts", "--email", BENCH_USER.email, "--password", BENCH_USER.password, "--role", BENCH_USER.role, "--name", BENCH_USER.name],
      { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`user-create exited with ${code}: ${stderr.slice(-2000)}`))));
  });
}

export interface NextAppOptions {
  /** Changes to its environment. */
  env?: Record<string, string>;
  /** Node's own flags (--cpu-prof is refused in NODE_OPTIONS). */
  nodeArgs?: string[];
  /** false: the database already has the bench reviewer (a second server on it). */
  createUser?: boolean;
}

/** `next start` in `root`, a snapshot of the build (build-snapshot.ts). */
export async function startNextApp(
  root: string,
  emulatorUrl: string,
  database: { url?: string; pgliteDir?: string },
  { env: overrides = {}, nodeArgs = [], createUser = true }: NextAppOptions = {},
): Promise<NextApp> {
  const port = await freePort();
  const env = { ...appEnv(port, emulatorUrl, database), ...overrides };
  if (createUser) await createBenchUser(env);
  const dir = mkdtempSync(path.join(tmpdir(), "countersign-bench-next-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const logFile = path.join(dir, "next.log");
  const out = openSync(logFile, "w");
  const child = endWithThisProcess(
    spawn(process.execPath, [...nodeArgs, path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", out, out],
    }),
  );
  const log = () => (existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-4000) : "");
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForUrl(`${url}/api/health`, 90_000, child);
  } catch (error) {
    await stopProcess(child);
    throw new Error(`${(error as Error).message}\n${log()}`);
  }
  return {
    url,
    child,
    env,
    log,
    close: async () => {
      await stopProcess(child, 10_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
