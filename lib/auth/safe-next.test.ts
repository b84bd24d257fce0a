// `/login?next=` against an open-redirect corpus: every way a browser could be led off the site
// falls back to the queue, and ordinary paths on the site survive unchanged.
import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next";

/** What a browser does with the value after sign-in: resolve it against the page it is on. */
const landsOn = (next: string) => new URL(next, "https://countersign.example/login").origin;

// Each entry as the login page receives it (`searchParams` is already decoded once).
const HOSTILE = [
  "//evil.example",
  "//evil.example/phish",
  "///evil.example",
  "////evil.example",
  "/\\evil.example/phish",
  "\\/evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/ /evil.example",
  "/\u0000/evil.example",
  "/\u000b/evil.example",
  "/\u00a0/evil.example",
  "/\u2028/evil.example",
  "/\ufeff/evil.example",
  "/%5Cevil.example/phish",
  "/%5cevil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%0D%0A/evil.example",
  "/%20/evil.example",
  "/%255Cevil.example",
  "/%25252F/evil.example",
  "/%E0%A4%A",
  "https://evil.example",
  "http:evil.example",
  "https:/evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "@evil.example",
  "",
  "/".padEnd(3000, "a"),
];

const SAFE: Array<[string, string]> = [
  ["/", "/"],
  ["/emails/3f1c2a", "/emails/3f1c2a"],
  ["/contacts/maria%40example.com", "/contacts/maria%40example.com"],
  ["/inbox/mb_1/threads/th_2?x=1#m3", "/inbox/mb_1/threads/th_2?x=1#m3"],
  ["/activity?action=auth.signed_in&page=2", "/activity?action=auth.signed_in&page=2"],
  ["/sessions/RM_abc", "/sessions/RM_abc"],
];

describe("safeNextPath", () => {
  it.each(HOSTILE.map((v) => [JSON.stringify(v).slice(0, 60), v]))("refuses %s", (_label, value) => {
    expect(safeNextPath(value)).toBe("/");
  });

  it.each(SAFE)("keeps %s", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it("never yields a place on another origin, whatever the input", () => {
    const pieces = ["/", "\\", "%5C", "%2F", "%09", "\t", "\n", " ", "evil.example", "@", ":", "%", "?", "#", ".", "%25"];
    const seen = new Set<string>();
    // Every string of up to four pieces: 16^4 combinations, checked the way a browser would follow them.
    const build = (prefix: string, depth: number) => {
      if (depth === 0) return;
      for (const piece of pieces) {
        const value = prefix + piece;
        const next = safeNextPath(value);
        seen.add(next);
        expect(landsOn(next), JSON.stringify(value)).toBe("https://countersign.example");
        expect(next.startsWith("/") && !next.startsWith("//") && !next.includes("\\")).toBe(true);
        build(value, depth - 1);
      }
    };
    build("", 4);
    expect(seen.size).toBeGreaterThan(10);
  });

  it("uses the fallback for a missing or repeated parameter", () => {
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(null, "/inbox")).toBe("/inbox");
    expect(safeNextPath(["/a", "/b"])).toBe("/");
  });
});
