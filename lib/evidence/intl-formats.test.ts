// One Intl formatter per zone or currency for the process, none for what Intl refuses.
import { describe, expect, it } from "vitest";
import { currencyFormat, keptFormats, offsetFormat, yearFormat } from "./intl-formats";

describe("kept Intl formatters", () => {
  it("hands out the same formatter for the same zone or currency, and formats as Intl does", () => {
    expect(yearFormat("America/Chicago")).toBe(yearFormat("America/Chicago"));
    expect(yearFormat("America/Chicago").format(new Date("2026-01-01T03:00:00Z"))).toBe("2025");
    expect(
      offsetFormat("Asia/Kolkata")
        .formatToParts(new Date("2026-06-01T00:00:00Z"))
        .find((p) => p.type === "timeZoneName")?.value,
    ).toBe("GMT+05:30");
    expect(currencyFormat("EUR")).toBe(currencyFormat("EUR"));
    expect(currencyFormat("USD").format(1234.5)).toBe("$1,234.50");
  });

  it("throws for an unknown zone or currency each time, caching nothing", () => {
    expect(() => yearFormat("Mars/Olympus_Mons")).toThrow(RangeError);
    expect(() => yearFormat("Mars/Olympus_Mons")).toThrow(RangeError);
    expect(() => currencyFormat("NOT-A-CODE")).toThrow(RangeError);
  });

  it("stays bounded whatever zones agents send", () => {
    // Zone names are case-insensitive: every spelling of one zone is a zone, and a key of its own.
    const letters = [..."europe/paris"];
    const spelling = (n: number) => letters.map((c, j) => ((n >> j) & 1 ? c.toUpperCase() : c)).join("");
    for (let n = 0; n < 1_200; n += 1) expect(yearFormat(spelling(n)).format(new Date("2026-06-01T00:00:00Z"))).toBe("2026");
    expect(keptFormats()).toBeLessThanOrEqual(500);
  });
});
