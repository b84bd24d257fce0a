import { defineConfig } from "@playwright/test";
import { E2E } from "./e2e/support/ports";
import { storageStatePath } from "./e2e/support/users";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./e2e/support/chromium";

export default defineConfig({
  testDir: "e2e",
  testMatch: ["**/*.spec.ts", "**/*.setup.ts"],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: "list",
  use: {
    baseURL: E2E.appUrl,
    trace: "retain-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "journeys",
      testIgnore: [/(resilience|four-eyes|undo|inbox-reply)\.spec\.ts/, /\.setup\.ts/],
      dependencies: ["setup"],
      use: { storageState: storageStatePath("reviewer") },
    },
    // Deployment-wide switches (four-eyes, emulator faults) must not overlap other tests: each of
    // these projects runs alone, one after the other.
    { name: "four-eyes", testMatch: /four-eyes\.spec\.ts/, dependencies: ["journeys"], use: { storageState: storageStatePath("reviewer") } },
    { name: "undo", testMatch: /undo\.spec\.ts/, dependencies: ["four-eyes"], use: { storageState: storageStatePath("reviewer") } },
    { name: "inbox-reply", testMatch: /inbox-reply\.spec\.ts/, dependencies: ["undo"], use: { storageState: storageStatePath("reviewer") } },
    {
      name: "serial",
      testMatch: /resilience\.spec\.ts/,
      dependencies: ["inbox-reply"],
      fullyParallel: false,
      use: { storageState: storageStatePath("reviewer") },
    },
  ],
  webServer: [
    {
      command: "npx tsx e2e/support/start-oidc.ts",
      url: `${E2E.oidcUrl}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "npx tsx e2e/support/start-emulator.ts",
      url: `${E2E.emulatorUrl}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "npx tsx e2e/support/start-app.ts",
      url: `${E2E.appUrl}/api/health`,
      reuseExistingServer: false,
      timeout: 90_000,
      env: E2E.appEnv,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "npx tsx e2e/support/start-app.ts --fresh",
      url: `${E2E.freshUrl}/api/health`,
      reuseExistingServer: false,
      timeout: 90_000,
    },
  ],
});
