// A minimal receiver of Countersign hooks (docs/hooks.md): verifies the signature in constant time,
// refuses timestamps older than five minutes, and answers 2xx only once the event is handled.
//
//   COUNTERSIGN_HOOK_SECRET=whsec_… PORT=8787 node examples/hook-receiver.mjs
//
// Plain Node (18+), no dependencies. Keep `verifyCountersignSignature` as it is in your own receiver.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

/** Five minutes: an older (or far future) timestamp is refused, so a captured request cannot be replayed later. */
export const TOLERANCE_SECONDS = 5 * 60;

/**
 * True when `signature` (the X-Countersign-Signature header, `sha256=<hex>`) is the HMAC-SHA256 of
 * "<timestamp>.<body>" with the hook's secret and `timestamp` (X-Countersign-Timestamp, Unix seconds)
 * is within five minutes of now. `body` is the raw request body, exactly as received.
 */
export function verifyCountersignSignature({ secret, timestamp, signature, body, now = Date.now() }) {
  if (typeof timestamp !== "string" || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(Math.floor(now / 1000) - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const match = /^sha256=([0-9a-f]{64})$/.exec(signature ?? "");
  if (!match) return false;
  const expected = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest();
  const presented = Buffer.from(match[1], "hex");
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/** Reads the raw body (at most 1 MB). */
export function readBody(request, limit = 1024 * 1024) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error("too large"));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** A node:http server that verifies each delivery and hands the event to `onEvent`. */
export function createHookReceiver({ secret, onEvent = () => {} }) {
  const seen = new Set(); // delivery ids already handled: a retry or a re-send is acknowledged, not applied twice
  return createServer(async (request, response) => {
    if (request.method !== "POST") return void response.writeHead(405).end();
    let body;
    try {
      body = await readBody(request);
    } catch {
      return void response.writeHead(413).end();
    }
    const ok = verifyCountersignSignature({
      secret,
      timestamp: request.headers["x-countersign-timestamp"],
      signature: request.headers["x-countersign-signature"],
      body,
    });
    if (!ok) return void response.writeHead(401, { "content-type": "text/plain" }).end("bad signature or stale timestamp");
    const deliveryId = String(request.headers["x-countersign-delivery"] ?? "");
    if (!seen.has(deliveryId)) {
      await onEvent(JSON.parse(body), { deliveryId, event: request.headers["x-countersign-event"] });
      seen.add(deliveryId);
    }
    response.writeHead(204).end();
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secret = process.env.COUNTERSIGN_HOOK_SECRET;
  if (!secret) {
    console.error("Set COUNTERSIGN_HOOK_SECRET to the secret Countersign showed when you registered the hook.");
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 8787);
  createHookReceiver({
    secret,
    onEvent: (event, { deliveryId }) => console.log(`${event.event} ${deliveryId}`, JSON.stringify(event.data)),
  }).listen(port, () => console.log(`Listening on http://127.0.0.1:${port}/`));
}
