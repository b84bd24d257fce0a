import { describe, expect, it } from "vitest";

import { blankEmphasis, extractClaims } from "./extract-claims";

const context = { referenceDate: new Date("2025-03-10T16:00:00Z"), timeZone: "UTC" };
const read = (text: string) => extractClaims(text, context).map((c) => [c.kind, c.text]);

describe("extractClaims", () => {
  it("reports each span once, longest reading first", () => {
    expect(read("Details at https://acme.com/booking/REF-48213 on Friday at 3pm.")).toEqual([
      ["url", "https://acme.com/booking/REF-48213"],
      ["weekday", "Friday at 3pm"],
    ]);
  });

  it("prefers an order number to a phone reading of the same digits", () => {
    expect(read("order 4155550132 ships today")).toEqual([
      ["reference", "4155550132"],
      ["date", "today"],
    ]);
  });

  it("prefers a time to a code pattern on the same text", () => {
    expect(read("at 10AM")).toEqual([["time", "10AM"]]);
  });

  it("an email wins over the link and code inside it", () => {
    expect(read("write to ab12cd@acme.com")).toEqual([["email", "ab12cd@acme.com"]]);
  });

  it("returns specifics in order of appearance", () => {
    expect(read("Call (415) 555-0132 about $250 for REF-77 booking XY-9921 on March 14").map(([kind]) => kind)).toEqual([
      "phone",
      "money",
      "reference",
      "reference",
      "date",
    ]);
  });

  it("reads a date through markdown emphasis, keeping offsets into the markdown", () => {
    const text = "Booked: **Friday**, March 14 at **3pm**.";
    const [claim] = extractClaims(text, context);
    expect(claim).toMatchObject({ kind: "date", text: "Friday**, March 14 at **3pm" });
    expect(text.slice(claim?.start, claim?.end)).toBe(claim?.text);
  });

  it.each([
    ["your reference is **AD-D09077**", "AD-D09077"],
    ["booking *ref*: 4411", "4411"],
    ["Confirmation: `BK7Q2X`", "BK7Q2X"],
    ["__Reference__ __AD-D09077__", "AD-D09077"],
  ])("reads a code through emphasis after its keyword: %s", (text, code) => {
    const claims = extractClaims(text, context);
    expect(claims.map((c) => [c.kind, c.text])).toEqual([["reference", code]]);
    expect(text.slice(claims[0]?.start, claims[0]?.end)).toBe(code);
  });

  it("keeps underscores inside words: they are not emphasis", () => {
    expect(blankEmphasis("**A** _b_ mary_jones `c` ~~d~~")).toBe("  A    b  mary_jones  c    d  ");
    expect(read("write to mary_jones@acme.com")).toEqual([["email", "mary_jones@acme.com"]]);
  });

  it("skips common look-alikes", () => {
    expect(read('Open 24/7. COVID-19 rules apply. Bring a 3/4" fitting.')).toEqual([]);
  });
});
