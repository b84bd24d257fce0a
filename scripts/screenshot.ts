// Screenshots a page at desktop and phone widths, for looking at what we build:
//   npx tsx scripts/screenshot.ts <url> <name> [--state e2e/.auth/reviewer.json | --login email:password] [--out dir]
import { mkdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { chromium, type BrowserContext } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "@/e2e/support/chromium";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { state: { type: "string" }, login: { type: "string" }, out: { type: "string", default: ".data/screenshots" } },
});
const [url, name = "page"] = positionals;
if (!url) {
  process.stderr.write("usage: npx tsx scripts/screenshot.ts <url> <name> [--state file | --login email:password] [--out dir]\n");
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
let storageState: string | Awaited<ReturnType<BrowserContext["storageState"]>> | undefined = values.state;
if (values.login) {
  const [email = "", password = ""] = values.login.split(":");
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL("/login", url).toString());
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  storageState = await context.storageState();
  await context.close();
}
mkdirSync(values.out, { recursive: true });
for (const [label, viewport] of [
  ["desktop", { width: 1366, height: 900 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  const context = await browser.newContext({ viewport, storageState });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "networkidle" });
  await page.screenshot({ path: `${values.out}/shot-${name}-${label}.png`, fullPage: label === "phone" });
  await context.close();
}
await browser.close();
