import { describe, expect, it } from "vitest";

import { extractSpokenEmails, spellsOut, tokenize } from "./spoken-tokens";

describe("extractSpokenEmails", () => {
  it.each([
    ["my email is john dot smith at gmail dot com", ["john.smith@gmail.com"]],
    ["it's j o h n at example dot com", ["john@example.com"]],
    ["Sure, it's J, O, H, N dot S M I T H at gmail dot com.", ["john.smith@gmail.com"]],
    ["you can use john.smith@gmail.com thanks", ["john.smith@gmail.com"]],
    ["that's mary underscore jones at acme dental dot co dot uk", ["mary_jones@acmedental.co.uk"]],
    ["email me at k ramirez seventy seven at hotmail dot com", ["kramirez77@hotmail.com"]],
    ["send it to lukas dot b at sign firma dot de please", ["lukas.b@firma.de"]],
    ["it's bob at gmail dot com I think", ["bob@gmail.com"]],
    ["I'm at home. Com is short for company", []],
    ["I'll be at the office at 3", []],
  ])("%s", (text, expected) => {
    expect(extractSpokenEmails(tokenize(text))).toEqual(expected);
  });
});

describe("spellsOut", () => {
  it("matches codes said letter by letter or digit by digit", () => {
    const tokens = tokenize("your code is B S D dash four eight two one three, got it?");
    expect(spellsOut(tokens, "BSD-48213", { ignoreSymbols: true })).toBe(true);
    expect(spellsOut(tokens, "48213", { ignoreSymbols: true })).toBe(true);
  });

  it("reads a code with letters after the dash, and an oh as zero", () => {
    for (const said of ["A D dash D zero nine zero seven seven", "A, D, D, oh nine oh seven seven", "it's AD-D09077", "a d d 0 9 0 7 7"]) {
      expect(spellsOut(tokenize(said), "AD-D09077", { ignoreSymbols: true })).toBe(true);
    }
    expect(spellsOut(tokenize("A D D oh nine oh seven eight"), "AD-D09077", { ignoreSymbols: true })).toBe(false);
    // Only codes and digits read "oh" as zero; addresses keep the letter.
    expect(spellsOut(tokenize("j oh n at acme dot com"), "j0n@acme.com")).toBe(false);
  });

  it("only matches on token boundaries", () => {
    const tokens = tokenize("call 4155551234 or order 5551");
    expect(spellsOut(tokens, "55512", { ignoreSymbols: true })).toBe(false);
    expect(spellsOut(tokens, "5551", { ignoreSymbols: true })).toBe(true);
  });

  it("keeps symbols when asked to (addresses, links)", () => {
    const tokens = tokenize("follow it at status dot acmecloud dot io slash incidents");
    expect(spellsOut(tokens, "status.acmecloud.io/incidents")).toBe(true);
    expect(spellsOut(tokens, "statusacmecloud.io")).toBe(false);
  });

  it("does not treat sentence punctuation as part of an address", () => {
    expect(spellsOut(tokenize("It's at gmail. Com"), "at@gmail.com")).toBe(false);
  });

  it("is case-insensitive and ignores an empty target", () => {
    expect(spellsOut(tokenize("REF 48213"), "ref48213", { ignoreSymbols: true })).toBe(true);
    expect(spellsOut(tokenize("anything"), "--", { ignoreSymbols: true })).toBe(false);
  });
});
