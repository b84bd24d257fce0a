// Screenshots of a page at a desktop and a phone width, kept with the test's output for a person to
// look at; each width is also checked for the one layout fault a test can see: sideways scrolling.
import { expect, test, type Page } from "@playwright/test";

export const WIDTHS = [1366, 390] as const;

export async function screensAt(page: Page, name: string) {
  const before = page.viewportSize();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), { message: `${name} scrolls sideways at ${width} px` })
      .toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}
