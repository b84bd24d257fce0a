import { describe, expect, it } from "vitest";

import { extractReferences } from "./extract-references";

const read = (text: string) => extractReferences(text).map((r) => [r.text, r.code, r.core, r.keyword]);

describe("extractReferences", () => {
  it.each([
    ["Your reference: REF-48213", [["REF-48213", "ref48213", "48213", true]]],
    ["code REF-48213 attached", [["REF-48213", "ref48213", "48213", false]]],
    ["item #A1234 is ready", [["#A1234", "a1234", null, false]]],
    ["for order 55512 only", [["55512", "55512", null, true]]],
    ["claim number CLM-2025-0042", [["CLM-2025-0042", "clm20250042", "20250042", true]]],
    ["Your order confirmation number is 77AX9.", [["77AX9", "77ax9", null, true]]],
    ["work order #55512", [["#55512", "55512", null, true]]],
    ["Case #12345 opened", [["#12345", "12345", null, true]]],
    ["booking BK7Q2X", [["BK7Q2X", "bk7q2x", null, true]]],
    ["Your reference is AD-D09077.", [["AD-D09077", "add09077", "d09077", true]]],
    ["AD-D09077 is confirmed", [["AD-D09077", "add09077", "d09077", false]]],
    ["your reference is ad-d09077", [["ad-d09077", "add09077", "d09077", true]]],
    ["Locker 2B-X41C is yours", [["2B-X41C", "2bx41c", null, false]]],
    ["See Q-2025-AB7 attached", [["Q-2025-AB7", "q2025ab7", "2025ab7", false]]],
  ])("%s", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it("ignores times, ordinals, short codes and plain words", () => {
    expect(read("Booking at 3PM on the 14TH, room B12, order confirmed, HVAC, case 2")).toEqual([]);
  });

  it("ignores time ranges and dashed words without a letter-digit mix", () => {
    expect(read("Open 9AM-5PM, 24-HOUR SERVICE, 8-10AM, X-RAY, 2025-03-14")).toEqual([]);
  });
});
