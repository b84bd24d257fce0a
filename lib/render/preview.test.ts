import { describe, expect, it } from "vitest";
import { previewOf } from "./preview";

describe("previewOf", () => {
  it("turns a markdown draft into one readable line, keeping amounts and reference numbers intact", () => {
    expect(previewOf("Hello James,\n\nestimated at **$1,280**, parts. Claim **55-1023**\n\n- one\n- two\n# Head")).toBe(
      "Hello James, estimated at $1,280, parts. Claim 55-1023 one two Head",
    );
  });

  it("drops images and keeps link text", () => {
    expect(previewOf("See [the portal](https://x.example) ![logo](https://x.example/l.png) now")).toBe("See the portal now");
  });

  it("is at most 200 characters", () => {
    expect(previewOf("word ".repeat(100))).toHaveLength(200);
  });
});

describe("previewOf on odd markdown", () => {
  it("keeps underscores inside words and characters marked escapes", () => {
    expect(previewOf('Ref AB_12_CD for Tom & Jerry, 5 > 3 "q"')).toBe('Ref AB_12_CD for Tom & Jerry, 5 > 3 "q"');
  });

  it("drops fenced code and reads emphasis, quotes and tables as text", () => {
    expect(previewOf("> _Quoted_ text\n\n```\nsecret()\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |")).toBe("Quoted text a b 1 2");
  });
});
