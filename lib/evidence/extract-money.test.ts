import { describe, expect, it } from "vitest";

import { extractMoney, formatMoney, sameMoney } from "./extract-money";

const read = (text: string) => extractMoney(text).map(({ text: t, currency, cents }) => [t, currency, cents]);

describe("extractMoney", () => {
  it.each([
    ["It's $250 flat", [["$250", "USD", 25_000]]],
    ["a fee of 250 dollars", [["250 dollars", "USD", 25_000]]],
    ["refund of €1,200.50 today", [["€1,200.50", "EUR", 120_050]]],
    [
      "£40 or GBP 40",
      [
        ["£40", "GBP", 4_000],
        ["GBP 40", "GBP", 4_000],
      ],
    ],
    ["USD 99.99", [["USD 99.99", "USD", 9_999]]],
    ["listed at $1.2 million", [["$1.2 million", "USD", 120_000_000]]],
    ["about $2k", [["$2k", "USD", 200_000]]],
    ["just 50 cents", [["50 cents", "USD", 50]]],
    ["two hundred dollars", [["two hundred dollars", "USD", 20_000]]],
    ["a hundred and fifty bucks", [["a hundred and fifty bucks", "USD", 15_000]]],
    [
      "CA$30 or 30 CAD",
      [
        ["CA$30", "CAD", 3_000],
        ["30 CAD", "CAD", 3_000],
      ],
    ],
    [
      "$150–$200",
      [
        ["$150", "USD", 15_000],
        ["$200", "USD", 20_000],
      ],
    ],
  ])("%s", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it("keeps the longest reading of one amount", () => {
    expect(read("$250 USD")).toEqual([["$250 USD", "USD", 25_000]]);
  });

  it("ignores numbers without a currency, weights and vague amounts", () => {
    expect(read("250 people, 5 pounds of flour, a dollar or two, 3pm")).toEqual([]);
  });

  it("offsets point at the amount", () => {
    const text = "Total: **$189**";
    const [found] = extractMoney(text);
    expect(text.slice(found?.start, found?.end)).toBe("$189");
  });
});

describe("sameMoney / formatMoney", () => {
  it("compares value and currency", () => {
    expect(sameMoney({ currency: "USD", cents: 25_000 }, { currency: "USD", cents: 25_000 })).toBe(true);
    expect(sameMoney({ currency: "USD", cents: 25_000 }, { currency: "EUR", cents: 25_000 })).toBe(false);
    expect(formatMoney({ currency: "EUR", cents: 120_050 })).toBe("€1,200.50");
  });
});
