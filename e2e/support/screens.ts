// Screenshots of a page at a desktop and a phone width, kept with the test's output for a person to
// look at; each width is also checked for the one layout fault a test can see: sideways scrolling.
import { expect, test, type Page } from "@playwright/test";

export const WIDTHS = [1366, 390] as const;

/** Elements that reach past the right edge of the window, innermost first, to name in a failure. */
function overflowing(): string[] {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5 && ![...el.children].some((c) => c.getBoundingClientRect().right > width + 0.5))
    .slice(0, 5)
    .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}">${(el.textContent ?? "").trim().slice(0, 40)}`);
}

export async function screensAt(page: Page, name: string) {
  const before = page.viewportSize();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(sideways, `${name} scrolls sideways at ${width} px: ${sideways > 0 ? (await page.evaluate(overflowing)).join("; ") : ""}`).toBeLessThanOrEqual(0);
  }
  if (before) await page.setViewportSize(before);
}
