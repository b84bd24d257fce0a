import { describe, expect, it } from "vitest";
import { errorFromResponse, kindForStatus, parseRetryAfterMs } from "./errors";

describe("errorFromResponse", () => {
  it("uses the API's `error` message", () => {
    const error = errorFromResponse({ status: 403, bodyText: '{"error":"Key lacks oversight scope"}' });
    expect(error).toMatchObject({ kind: "forbidden", message: "Key lacks oversight scope", retryable: false });
  });

  it("falls back to a message naming the status for an empty, non-JSON or error-less body", () => {
    expect(errorFromResponse({ status: 500, bodyText: "", endpoint: "GET /x" }).message).toBe("MultiMail returned HTTP 500 for GET /x");
    expect(errorFromResponse({ status: 500, bodyText: "<h1>oops</h1>" }).message).toBe("MultiMail returned HTTP 500 (non-JSON body)");
    expect(errorFromResponse({ status: 404, bodyText: "[1,2]" }).message).toBe("MultiMail returned HTTP 404");
  });

  it("splits 429 into quota and rate limit, and reads Retry-After", () => {
    expect(kindForStatus(429, "Monthly Quota exceeded")).toBe("quota");
    const error = errorFromResponse({ status: 429, bodyText: '{"error":"Too many"}', retryAfter: "1.5" });
    expect(error).toMatchObject({ kind: "rate_limited", retryAfterMs: 1500, retryable: true });
    expect(error.warmup).toBeUndefined();
  });

  it("maps statuses outside the contract to upstream", () => {
    expect(kindForStatus(405)).toBe("upstream");
    expect(kindForStatus(503)).toBe("upstream");
    expect(kindForStatus(410)).toBe("not_found");
  });
});

describe("parseRetryAfterMs", () => {
  it("reads seconds, floats and HTTP dates, and ignores junk", () => {
    expect(parseRetryAfterMs("2")).toBe(2000);
    expect(parseRetryAfterMs("0.25")).toBe(250);
    expect(parseRetryAfterMs("Thu, 01 Jan 2026 00:00:10 GMT", Date.parse("2026-01-01T00:00:00Z"))).toBe(10_000);
    expect(parseRetryAfterMs("soon")).toBeUndefined();
    expect(parseRetryAfterMs(null)).toBeUndefined();
  });
});
