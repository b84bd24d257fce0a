// A throwaway PostgreSQL cluster for one benchmark run, started the way scripts/test.mjs does (the
// postgres user when we are root, a private port and socket directory, fsync off), or the server
// in BENCH_DATABASE_URL. Each section gets its own database, dropped at the end.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";

export interface PostgresServer {
  /** An admin connection string (the `postgres` database). */
  url: string;
  /** What the report says about the server. */
  description: string;
  stop(): void;
}

function findPgBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(path.join(root, v, "bin", "initdb"))) return path.join(root, v, "bin");
  return null;
}

export function startPostgres(): PostgresServer | null {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { url: given, description: "BENCH_DATABASE_URL", stop: () => undefined };
  const bin = findPgBin();
  if (!bin) return null;
  const asRoot = process.getuid?.() === 0;
  // initdb refuses to run as root (toolchain.md): run the cluster as the postgres user.
  const pg = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args], { stdio: "pipe" })
      : execFileSync(path.join(bin, tool), args, { stdio: "pipe" });
  // A random private port may be taken by someone else's process: try a few.
  for (let attempt = 1; ; attempt += 1) {
    const dir = mkdtempSync(path.join(tmpdir(), "countersign-bench-pg-"));
    chmodSync(dir, 0o777);
    const data = path.join(dir, "data");
    const port = 50_000 + Math.floor(Math.random() * 5_000);
    try {
      pg("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
      pg("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c fsync=off -c listen_addresses=127.0.0.1`, "start"]);
    } catch (error) {
      const log = existsSync(path.join(dir, "log")) ? readFileSync(path.join(dir, "log"), "utf8").trim().split("\n").slice(-3).join(" / ") : "";
      rmSync(dir, { recursive: true, force: true });
      if (attempt >= 3) throw new Error(`${(error as Error).message.split("\n")[0]}${log ? `: ${log}` : ""}`);
      continue;
    }
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      try {
        pg("pg_ctl", ["-D", data, "-m", "fast", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    // Stopped however the run ends short of SIGKILL (child.ts turns signals into an exit).
    process.once("exit", stop);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      description: `throwaway PostgreSQL ${path.basename(path.dirname(bin))} cluster (fsync=off, other settings default)`,
      stop,
    };
  }
}

/** A new empty database on the server; `drop` removes it. */
export async function createDatabase(adminUrl: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { Client } = await import("pg");
  const name = `bench_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${randomUUID().replace(/-/g, "").slice(0, 8)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * A pool whose connections the end of a section may cut (DROP DATABASE … WITH (FORCE)) while one is
 * still closing: without a listener, pg's 'error' event would crash the section after its work is done.
 */
export function ignorePoolErrors(poolOrDb: unknown): void {
  const pool = ((poolOrDb as { $client?: unknown }).$client ?? poolOrDb) as { on?: (event: string, listener: () => void) => void };
  pool.on?.("error", () => undefined);
}
