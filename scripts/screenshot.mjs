// Screenshots a page at desktop and phone widths: `node scripts/screenshot.mjs <url> <name>`.
import { chromium } from "@playwright/test";

const [url, name = "page"] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
for (const [label, viewport] of [["desktop", { width: 1366, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
  const page = await browser.newPage({ viewport });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.screenshot({ path: `/tmp/shot-${name}-${label}.png`, fullPage: true });
  await page.close();
}
await browser.close();
