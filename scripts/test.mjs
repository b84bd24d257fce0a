// `npm test`: the whole suite. Type check and lint (ESLint and Prettier, `npm run lint`); unit and
// route tests (Vitest) on PGlite and, when a PostgreSQL server is installed, on a throwaway
// PostgreSQL cluster too; then a production build and the Playwright end-to-end suite in Chromium.
// Set TEST_DATABASE_URL to use your own PostgreSQL instead. `--unit` stops after the unit tests.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const say = (line) => process.stdout.write(`\n== ${line}\n`);
const run = (cmd, args, env = {}) => {
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
};
// Runs a command in the background with its output kept in a file; resolves to its exit status.
const runInBackground = (cmd, args, logFile) => {
  const out = openSync(logFile, "w");
  const child = spawn(cmd, args, { stdio: ["ignore", out, out] });
  return new Promise((resolve) => {
    child.on("error", () => resolve(1));
    child.on("exit", (code) => resolve(code ?? 1));
  });
};

function findPgBin() {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(path.join(root, v, "bin", "initdb"))) return path.join(root, v, "bin");
  return null;
}

function startThrowawayPostgres() {
  const bin = findPgBin();
  if (!bin) return null;
  const dir = mkdtempSync(path.join(tmpdir(), "countersign-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const port = 55_000 + Math.floor(Math.random() * 5_000);
  const asRoot = process.getuid?.() === 0;
  // initdb refuses to run as root (toolchain.md): run the cluster as the postgres user.
  const pg = (tool, args) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args], { stdio: "pipe" })
      : execFileSync(path.join(bin, tool), args, { stdio: "pipe" });
  pg("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  pg("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c fsync=off -c listen_addresses=127.0.0.1`, "start"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        pg("pg_ctl", ["-D", data, "-m", "fast", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

let postgres = null;
let status = 0;
// Each step's outcome, printed last: a CI log's tail then says which step failed.
const outcomes = [];
const record = (step, code) => {
  outcomes.push(`${code === 0 ? "passed" : `FAILED (exit ${code})`}  ${step}`);
  return code;
};
try {
  let databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) {
    try {
      postgres = startThrowawayPostgres();
      databaseUrl = postgres?.url;
    } catch (error) {
      process.stdout.write(`Could not start a throwaway PostgreSQL (${error.message}); testing on PGlite only.\n`);
    }
  }
  // Lint runs beside the type check (each keeps one core busy); its output follows the type check's.
  const lintDir = mkdtempSync(path.join(tmpdir(), "countersign-lint-"));
  const lint = runInBackground("npm", ["run", "--silent", "lint"], path.join(lintDir, "log"));
  say("Type check");
  status = record("type check", run("npx", ["tsc", "--noEmit"]));
  say("Lint (ESLint and Prettier)");
  const lintStatus = record("lint (ESLint and Prettier)", await lint);
  process.stdout.write(readFileSync(path.join(lintDir, "log")));
  rmSync(lintDir, { recursive: true, force: true });
  if (lintStatus !== 0) process.stdout.write("Lint failed. `npm run format` fixes formatting; ESLint's messages say what else to change.\n");
  status ||= lintStatus;
  if (status === 0) {
    say(databaseUrl ? "Unit and route tests on PGlite and PostgreSQL" : "Unit and route tests on PGlite (no PostgreSQL found)");
    status = record(
      `unit and route tests (${databaseUrl ? "PGlite and PostgreSQL" : "PGlite"})`,
      run("npx", ["vitest", "run"], databaseUrl ? { TEST_DATABASE_URL: databaseUrl } : {}),
    );
  }
  if (status === 0 && !process.argv.includes("--unit")) {
    say("Production build");
    status = record("production build", run("npx", ["next", "build"], { NEXT_SKIP_TYPECHECK: "1" }));
    if (status === 0) {
      // Gzipped first-load JS per route against its budget, read from this build (not skipped here).
      say("First-load JS budgets");
      const budgetStatus = record("first-load JS budgets", run("npx", ["vitest", "run", "test/bundle-budget.test.ts"], { BUNDLE_BUDGET_REQUIRED: "1" }));
      // The container's server: node .next/standalone/server.js with static files copied as the Dockerfile does;
      // and two of them on one PostgreSQL, as a horizontally scaled deployment runs.
      say("Standalone server, one and two instances");
      const standaloneStatus = record(
        "standalone server, one and two instances",
        // One file after the other: each starts its own servers, and the two-instance timing check wants the cores.
        run("npx", ["vitest", "run", "--no-file-parallelism", "test/standalone.test.ts", "test/two-instances.test.ts"], {
          STANDALONE_REQUIRED: "1",
          ...(databaseUrl ? { TEST_DATABASE_URL: databaseUrl } : {}),
        }),
      );
      say("End-to-end tests in Chromium");
      rmSync(".data/e2e", { recursive: true, force: true });
      status = record("end-to-end tests in Chromium", run("npx", ["playwright", "test"]));
      status ||= budgetStatus;
      status ||= standaloneStatus;
    }
  }
} finally {
  postgres?.stop();
}
say("Summary");
process.stdout.write(`${outcomes.join("\n")}\n`);
process.exit(status);
