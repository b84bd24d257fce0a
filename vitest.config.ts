import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside a React Server environment; tests run on the server.
      "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["{lib,app,sandbox,scripts,test,examples}/**/*.test.{ts,tsx}"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    environment: "node",
    globalSetup: ["test/global-setup.ts"],
    // Decisions go to MultiMail at once unless a test sets an undo grace period (lib/review/undo.test.ts).
    env: { LOG_LEVEL: "silent", NODE_ENV: "test", UNDO_GRACE_SECONDS: "0" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
    benchmark: { include: ["bench/**/*.bench.ts"] },
  },
});
