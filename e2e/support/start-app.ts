// Starts the app under test: a fresh PGlite database with the e2e users created from the shell,
// then `next start`.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { E2E } from "./ports";
import { E2E_USERS } from "./users";

// --fresh: a second instance on an empty database with no accounts, for the first-run spec.
const fresh = process.argv.includes("--fresh");
const port = fresh ? E2E.freshPort : E2E.appPort;
const env = {
  ...process.env,
  ...E2E.appEnv,
  ...(fresh ? { PORT: String(port), APP_URL: E2E.freshUrl, PGLITE_DIR: `${E2E.appEnv.PGLITE_DIR}-fresh`, BACKGROUND_WORKER: "off" } : {}),
};
rmSync(env.PGLITE_DIR!, { recursive: true, force: true });
for (const u of fresh ? [] : Object.values(E2E_USERS)) {
  const created = spawnSync("npx", ["tsx", "scripts/user-create.ts", "--email", u.email, "--password", u.password, "--role", u.role, "--name", u.name], {
    env,
    stdio: "inherit",
  });
  if (created.status !== 0) process.exit(created.status ?? 1);
}
const app = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: "inherit" });
const stop = () => app.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
app.on("exit", (code) => process.exit(code ?? 0));
