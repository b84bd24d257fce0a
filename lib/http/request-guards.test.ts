// The checks proxy.ts makes before anything else, called as Next calls the proxy: cross-site Server
// Action posts to any path, cross-site opens of a message, undecodable paths, the client address.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { appOrigins } from "@/lib/auth/app-origins";
import { proxy } from "@/proxy";
import { isCrossSite, malformedPathSegment } from "./request-guards";

const APP = "http://localhost:3000";
const OWN = appOrigins(APP);
const ACTION_ID = "7f00000000000000000000000000000000000000aa";

function call(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return proxy(new NextRequest(`http://127.0.0.1:3000${path}`, { method: init.method ?? "GET", headers: init.headers ?? {} }));
}

const passedOn = (response: Response) => response.headers.get("x-middleware-next") === "1";

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

describe("isCrossSite", () => {
  it("compares Origin with the deployment's own origins, not with Host or X-Forwarded-Host", () => {
    expect(isCrossSite(new Headers({ origin: "http://127.0.0.1:3000" }), OWN)).toBe(false);
    expect(isCrossSite(new Headers({ origin: "http://localhost:3000" }), OWN)).toBe(false);
    expect(isCrossSite(new Headers({ origin: "https://evil.example", host: "evil.example", "x-forwarded-host": "evil.example" }), OWN)).toBe(true);
    expect(isCrossSite(new Headers({ origin: "https://localhost:3000" }), OWN)).toBe(true);
    expect(isCrossSite(new Headers({ origin: "null" }), OWN)).toBe(true);
  });

  it("believes a browser's Sec-Fetch-Site, and lets a request with neither header through", () => {
    expect(isCrossSite(new Headers({ "sec-fetch-site": "cross-site" }), OWN)).toBe(true);
    expect(isCrossSite(new Headers({ "sec-fetch-site": "same-site" }), OWN)).toBe(true);
    expect(isCrossSite(new Headers({ "sec-fetch-site": "same-origin", origin: "http://localhost:3000" }), OWN)).toBe(false);
    expect(isCrossSite(new Headers({ "sec-fetch-site": "none" }), OWN)).toBe(false);
    expect(isCrossSite(new Headers(), OWN)).toBe(false);
  });
});

describe("malformedPathSegment", () => {
  it("finds the segment that is not valid percent-encoded UTF-8", () => {
    expect(malformedPathSegment("/emails/%E0%A4%A")).toBe("%E0%A4%A");
    expect(malformedPathSegment("/contacts/%")).toBe("%");
    expect(malformedPathSegment("/contacts/%C0%AF")).toBe("%C0%AF");
    expect(malformedPathSegment("/contacts/maria%40example.com")).toBeNull();
    expect(malformedPathSegment("/emails/%E0%A4%A4")).toBeNull();
  });
});

describe("proxy", () => {
  it("refuses a cross-site Server Action post to any path with its own 403", async () => {
    for (const path of ["/", "/nonexistent", "/login", "/emails/x", "/favicon.icox", "/_next/staticx"]) {
      const variants: Array<Record<string, string>> = [
        { origin: "https://evil.example" },
        { origin: "https://evil.example", "x-forwarded-host": "evil.example" },
        { origin: "http://evil.example:3000", host: "evil.example:3000" },
        { "sec-fetch-site": "cross-site" },
      ];
      for (const headers of variants) {
        const response = call(path, { method: "POST", headers: { ...headers, "next-action": ACTION_ID, "content-type": "text/plain;charset=UTF-8" } });
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect((await response.json()).error.code).toBe("forbidden");
      }
    }
    expect(passedOn(call("/", { method: "POST", headers: { origin: "http://127.0.0.1:3000", "next-action": ACTION_ID } }))).toBe(true);
  });

  it("refuses to open an inbound message for another site, and opens it for the app itself", async () => {
    const path = "/api/inbox/mailboxes/mb_1/emails/em_1";
    const crossSite = call(path, { headers: { "sec-fetch-site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.message).toMatch(/Another site may not open this message/);
    expect(call(path, { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors" } }).status).toBe(403);
    expect(call(path, { headers: { "sec-fetch-site": "same-site" } }).status).toBe(403);
    expect(passedOn(call(path, { headers: { "sec-fetch-site": "same-origin" } }))).toBe(true);
    expect(passedOn(call(path, { headers: { "sec-fetch-site": "none" } }))).toBe(true);
    // Other reads stay linkable from anywhere (they change nothing).
    expect(passedOn(call("/api/inbox/mailboxes/mb_1/threads/th_1", { headers: { "sec-fetch-site": "cross-site" } }))).toBe(true);
  });

  it("answers an undecodable path with 400: JSON under /api, a plain page elsewhere", async () => {
    for (const path of ["/api/v1/contacts/%E0%A4%A/context", "/api/items/%E0%A4%A", "/api/contacts/%E0%A4%A"]) {
      const response = call(path);
      expect(response.status, path).toBe(400);
      expect(await response.json()).toEqual({ error: { code: "bad_request", message: expect.stringMatching(/not correctly percent-encoded/) } });
    }
    for (const path of ["/emails/%E0%A4%A", "/contacts/%E0%A4%A", "/sessions/%E0%A4%A", "/inbox/%E0%A4%A/threads/x"]) {
      const response = call(path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await response.text()).toMatch(/not correctly percent-encoded/);
    }
    expect(passedOn(call("/contacts/maria%40example.com"))).toBe(true);
  });

  it("passes on the client address only as the trusted proxies report it", () => {
    const forwarded = (response: Response) => response.headers.get(`x-middleware-request-x-countersign-client-ip`);
    expect(forwarded(call("/", { headers: { "x-forwarded-for": "203.0.113.9", "x-countersign-client-ip": "1.2.3.4" } }))).toBeNull();
    vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
    resetEnvForTests();
    expect(forwarded(call("/", { headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.9", "x-countersign-client-ip": "1.2.3.4" } }))).toBe("203.0.113.9");
  });
});
