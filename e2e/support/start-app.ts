// Starts the app under test: a fresh PGlite database with the e2e users created from the shell,
// then `next start`.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { E2E } from "./ports";
import { E2E_USERS } from "./users";

rmSync(E2E.appEnv.PGLITE_DIR!, { recursive: true, force: true });
const env = { ...process.env, ...E2E.appEnv };
for (const u of Object.values(E2E_USERS)) {
  const created = spawnSync("npx", ["tsx", "scripts/user-create.ts", "--email", u.email, "--password", u.password, "--role", u.role, "--name", u.name], { env, stdio: "inherit" });
  if (created.status !== 0) process.exit(created.status ?? 1);
}
const app = spawn("npx", ["next", "start", "-p", String(E2E.appPort), "-H", "127.0.0.1"], { env, stdio: "inherit" });
const stop = () => app.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
app.on("exit", (code) => process.exit(code ?? 0));
