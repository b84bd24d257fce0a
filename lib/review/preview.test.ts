import { describe, expect, it } from "vitest";
import { previewOf } from "./apply-email";

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
