import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("starts with nothing configured, with documented defaults", () => {
    const e = parseEnv({});
    expect(e.PGLITE_DIR).toBe(".data/pglite");
    expect(e.RECONCILE_INTERVAL_MS).toBe(30_000);
    expect(e.MULTIMAIL_API_URL).toBeUndefined();
    expect(e.FOUR_EYES).toBe(false);
  });

  it("stops on a malformed value with one message naming the variable", () => {
    expect(() => parseEnv({ MULTIMAIL_API_URL: "not a url" })).toThrow(EnvError);
    expect(() => parseEnv({ MULTIMAIL_API_URL: "not a url" })).toThrow(/MULTIMAIL_API_URL/);
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT: must be a whole number/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
  });

  it("names every bad variable at once and never echoes a secret", () => {
    try {
      parseEnv({ PORT: "x", AUTH_SECRET: "short-secret-value", RECONCILE_INTERVAL_MS: "10" });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/AUTH_SECRET: must be at least 32 characters/);
      expect(message).toMatch(/RECONCILE_INTERVAL_MS/);
      expect(message).not.toContain("short-secret-value");
    }
  });

  it("limits sign-in per account above the per-address limit, and trusts no proxy by default", () => {
    expect(parseEnv({})).toMatchObject({ SIGNIN_RATE_LIMIT: 5, SIGNIN_ACCOUNT_RATE_LIMIT: 20, TRUSTED_PROXY_HOPS: 0, AGENT_API_RATE_LIMIT: 60 });
    expect(parseEnv({ SIGNIN_RATE_LIMIT: "10" }).SIGNIN_ACCOUNT_RATE_LIMIT).toBe(40);
    expect(parseEnv({ SIGNIN_ACCOUNT_RATE_LIMIT: "30", TRUSTED_PROXY_HOPS: "2" })).toMatchObject({ SIGNIN_ACCOUNT_RATE_LIMIT: 30, TRUSTED_PROXY_HOPS: 2 });
    expect(() => parseEnv({ SIGNIN_RATE_LIMIT: "10", SIGNIN_ACCOUNT_RATE_LIMIT: "10" })).toThrow(/SIGNIN_ACCOUNT_RATE_LIMIT: must be higher than SIGNIN_RATE_LIMIT/);
    expect(() => parseEnv({ TRUSTED_PROXY_HOPS: "-1" })).toThrow(/TRUSTED_PROXY_HOPS/);
  });

  it("reads flags and numbers", () => {
    const e = parseEnv({ FOUR_EYES: "true", BACKGROUND_WORKER: "off", OUTBOX_INTERVAL_MS: "750", DATABASE_URL: "postgres://u@h:5432/db" });
    expect(e).toMatchObject({ FOUR_EYES: true, BACKGROUND_WORKER: false, OUTBOX_INTERVAL_MS: 750, DATABASE_URL: "postgres://u@h:5432/db" });
  });
});
