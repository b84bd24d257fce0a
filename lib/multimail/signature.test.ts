import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhookBody, verifyWebhookSignature } from "./signature";

const SECRET = "whsec_s3cr3t";
const BODY = '{"event":"message.received","data":{"email_id":"em_1"}}';
const hex = (key: string, body = BODY) => createHmac("sha256", key).update(body).digest("hex");

describe("signWebhookBody", () => {
  it("is HMAC-SHA256 hex of the raw body keyed with the full secret, prefixed sha256=", () => {
    expect(signWebhookBody(BODY, SECRET)).toBe(`sha256=${hex(SECRET)}`);
    expect(signWebhookBody(new TextEncoder().encode(BODY), SECRET)).toBe(`sha256=${hex(SECRET)}`);
  });
});

describe("verifyWebhookSignature", () => {
  it("accepts the value with or without the prefix, in either hex case", () => {
    expect(verifyWebhookSignature(BODY, signWebhookBody(BODY, SECRET), SECRET)).toEqual({ ok: true });
    expect(verifyWebhookSignature(BODY, hex(SECRET), SECRET)).toEqual({ ok: true });
    expect(verifyWebhookSignature(BODY, `sha256=${hex(SECRET).toUpperCase()}`, SECRET)).toEqual({ ok: true });
    expect(verifyWebhookSignature(Buffer.from(BODY), ` ${hex(SECRET)} `, SECRET)).toEqual({ ok: true });
  });

  it("rejects a tampered body and a wrong secret as a mismatch", () => {
    const header = signWebhookBody(BODY, SECRET);
    expect(verifyWebhookSignature(BODY.replace("em_1", "em_2"), header, SECRET)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignature(BODY, header, "whsec_other")).toEqual({ ok: false, reason: "mismatch" });
  });

  it("tells a missing header from a malformed one", () => {
    expect(verifyWebhookSignature(BODY, null, SECRET)).toEqual({ ok: false, reason: "missing" });
    expect(verifyWebhookSignature(BODY, "  ", SECRET)).toEqual({ ok: false, reason: "missing" });
    for (const bad of ["sha256=", "sha1=" + hex(SECRET), hex(SECRET).slice(0, 63), `sha256=${"z".repeat(64)}`, `${hex(SECRET)}00`]) {
      expect(verifyWebhookSignature(BODY, bad, SECRET)).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("accepts an HMAC keyed without whsec_ only when the option says so", () => {
    const stripped = hex("s3cr3t");
    expect(verifyWebhookSignature(BODY, stripped, SECRET)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignature(BODY, stripped, SECRET, { stripWhsecPrefix: true })).toEqual({ ok: true });
    expect(verifyWebhookSignature(BODY, hex(SECRET), SECRET, { stripWhsecPrefix: true })).toEqual({ ok: true });
  });

  it("refuses to work with an empty secret", () => {
    expect(() => verifyWebhookSignature(BODY, hex(""), "")).toThrow(/secret is empty/);
  });
});
