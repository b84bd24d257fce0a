// No secret reaches the browser: the built client assets and the pages people load are scanned
// for every configured secret.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E } from "./support/ports";
import { storageStatePath } from "./support/users";

const SECRET_VARS = [
  "AUTH_SECRET",
  "MULTIMAIL_OVERSIGHT_KEY",
  "MULTIMAIL_SEND_KEY",
  "MULTIMAIL_WEBHOOK_SECRET",
  "MULTIMAIL_ADMIN_KEY",
  "SECRETS_KEY",
  "METRICS_TOKEN",
  "LIVEKIT_API_SECRET",
  "TRANSCRIPT_INGEST_SECRET",
  "OIDC_CLIENT_SECRET",
];

const secrets = () => SECRET_VARS.map((name) => [name, E2E.appEnv[name]] as const).filter((e): e is readonly [string, string] => Boolean(e[1]));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

test("the built client assets contain no configured secret", () => {
  expect(secrets().length).toBeGreaterThanOrEqual(4);
  const assets = files(".next/static");
  expect(assets.length).toBeGreaterThan(10);
  for (const file of assets) {
    const text = readFileSync(file, "latin1");
    for (const [name, value] of secrets()) expect(text.includes(value), `${name} in ${file}`).toBe(false);
  }
});

test.describe("pages an admin loads", () => {
  test.use({ storageState: storageStatePath("admin") });
  test("carry no configured secret", async ({ request }) => {
    for (const url of ["/", "/activity", "/settings", "/login"]) {
      const body = await (await request.get(url)).text();
      for (const [name, value] of secrets()) expect(body.includes(value), `${name} in ${url}`).toBe(false);
    }
  });
});
