// Identifier and secret generators shaped like MultiMail's (ULID-like ids, whsec_ secrets, A7X-29K codes).
import { randomBytes, randomUUID } from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_BITS = 80n;
const RANDOM_MAX = (1n << RANDOM_BITS) - 1n;

let lastTime = 0;
let lastRandom = 0n;

function encodeBase32(value: bigint, length: number): string {
  let out = "";
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = CROCKFORD[Number(rest & 31n)] + out;
    rest >>= 5n;
  }
  return out;
}

function random80(): bigint {
  return BigInt(`0x${randomBytes(10).toString("hex")}`);
}

/**
 * 26-character Crockford base32 ULID, monotonic within this process so ids sort by creation
 * time — `since_id` and the cursors depend on that (multimail-api.md §1 "IDs sort by time").
 */
export function ulid(now: number = Date.now()): string {
  let time = now;
  let random: bigint;
  if (time <= lastTime) {
    time = lastTime;
    random = lastRandom + 1n;
    if (random > RANDOM_MAX) {
      time += 1;
      random = random80();
    }
  } else {
    random = random80();
  }
  lastTime = time;
  lastRandom = random;
  return encodeBase32(BigInt(time), 10) + encodeBase32(random, 16);
}

export function isUlidLike(value: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value);
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}

export function signingSecret(): string {
  return `whsec_${randomBytes(24).toString("hex")}`;
}

export function rawApiKey(): string {
  return `mm_live_${randomBytes(24).toString("hex")}`;
}

/** Operator approval / upgrade codes look like `A7X-29K` (multimail-api.md §2.1). */
export function approvalCode(): string {
  const alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
  const bytes = randomBytes(6);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 3).join("")}-${chars.slice(3).join("")}`;
}

export function providerMessageId(): string {
  return randomUUID();
}
