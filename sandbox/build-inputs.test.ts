import { describe, expect, it } from "vitest";
import { buildInputsHash } from "./build-inputs";

describe("demo build inputs", () => {
  it("change with a setting inlined into the build, not with runtime settings", () => {
    const base = { PATH: "/usr/bin", NEXT_PUBLIC_BRAND: "Acme" };
    const hash = buildInputsHash(base);
    expect(buildInputsHash({ ...base })).toBe(hash);
    expect(buildInputsHash({ ...base, PORT: "3100", DATABASE_URL: "postgres://x", MULTIMAIL_OVERSIGHT_KEY: "k" })).toBe(hash);
    expect(buildInputsHash({ ...base, NEXT_PUBLIC_BRAND: "Other" })).not.toBe(hash);
  });
});
