import { describe, expect, it } from "vitest";

import { extractEmails, extractPhones, extractUrls, formatPhone, normaliseEmail, normaliseUrl, spokenPhoneDigits, toE164 } from "./extract-contacts";

describe("phones", () => {
  it("finds US numbers in any common format, with offsets", () => {
    const text = "Call (415) 555-0132, 212-555-0199 or +44 20 7946 0958.";
    expect(extractPhones(text).map((p) => [p.text, p.e164])).toEqual([
      ["(415) 555-0132", "+14155550132"],
      ["212-555-0199", "+12125550199"],
      ["+44 20 7946 0958", "+442079460958"],
    ]);
  });

  it("checks made-up numbers too", () => {
    expect(extractPhones("call (555) 123-4567")).toHaveLength(1);
  });

  it("normalises metadata numbers and formats for display", () => {
    expect(toE164("+14155550132")).toBe("+14155550132");
    expect(toE164("(415) 555-0132")).toBe("+14155550132");
    expect(toE164("not a phone")).toBeNull();
    expect(toE164(null)).toBeNull();
    expect(formatPhone("+14155550132")).toBe("(415) 555-0132");
    expect(formatPhone("+442079460958")).toBe("+44 20 7946 0958");
    expect(spokenPhoneDigits("+14155550132")).toEqual(["4155550132", "14155550132"]);
  });
});

describe("emails", () => {
  it("finds addresses, lower-cased", () => {
    expect(extractEmails("Reply to John.Smith@Gmail.com or [us](mailto:help@acme.io).").map((e) => [e.text, e.address])).toEqual([
      ["John.Smith@Gmail.com", "john.smith@gmail.com"],
      ["help@acme.io", "help@acme.io"],
    ]);
  });

  it("normalises display-name forms", () => {
    expect(normaliseEmail("  Priya N <Priya@Example.com> ")).toBe("priya@example.com");
    expect(normaliseEmail("mailto:A@B.co")).toBe("a@b.co");
  });
});

describe("urls", () => {
  it("finds links in markdown without the syntax around them", () => {
    const text = "See [the listing](https://www.Example.com/Listings/12/) or <https://status.acme.io>, or acme.com/book.";
    expect(extractUrls(text).map((u) => [u.text, u.normalised])).toEqual([
      ["https://www.Example.com/Listings/12/", "example.com/listings/12"],
      ["https://status.acme.io", "status.acme.io"],
      ["acme.com/book", "acme.com/book"],
    ]);
  });

  it("does not read an email's domain as a link", () => {
    expect(extractUrls("write to help@acme.com")).toEqual([]);
  });

  it("normalises protocol, www and trailing slashes", () => {
    expect(normaliseUrl("http://www.acme.com/")).toBe("acme.com");
    expect(normaliseUrl("localhost")).toBeNull();
  });
});
