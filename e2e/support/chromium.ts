// The Chromium every browser run here launches (Playwright e2e, the benchmarks, scripts/screenshot.ts): Debian's build
// headless, without the background traffic that would add noise to timings.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
