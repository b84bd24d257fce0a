// Runs before every request: a path that cannot be decoded is answered 400; cross-site mutations
// (every Server Action post, whatever its path) and cross-site opens of an inbound message (a GET
// that marks it read in MultiMail) are refused 403; then a per-request Content-Security-Policy
// nonce, security headers, and the client address the trusted proxies report. Signature-
// authenticated machine routes are exempt from the origin check (MultiMail and LiveKit webhooks,
// agent uploads and the agent API).
import { NextResponse, type NextRequest } from "next/server";
import { appOrigins } from "@/lib/auth/app-origins";
import { CLIENT_ADDRESS_HEADER, clientAddressFrom } from "@/lib/auth/client-address";
import { appUrl, env } from "@/lib/env";
import { isCrossSite, malformedPathSegment } from "@/lib/http/request-guards";
import { logger } from "@/lib/logger";

const MACHINE_ROUTES = [/^\/api\/webhooks\//, /^\/api\/voice-sessions\/[^/]+\/transcript$/, /^\/api\/v1\//];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** GETs that change something: fetching an inbound message marks it read (multimail-api.md §2.2). */
const STATE_CHANGING_GETS = [/^\/api\/inbox\/mailboxes\/[^/]+\/emails\/[^/]+$/];

function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // Remote images are stripped by the sanitiser until a reviewer loads them for one message.
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const BAD_PATH_MESSAGE = "This address is not valid: part of it is not correctly percent-encoded.";

function badPath(pathname: string, segment: string): NextResponse {
  logger.info({ scope: "proxy", status: 400, segment: segment.slice(0, 100) }, "malformed percent-encoding in path");
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: { code: "bad_request", message: BAD_PATH_MESSAGE } }, { status: 400, headers: { "cache-control": "no-store" } });
  }
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad address · Countersign</title></head><body><h1>Bad address</h1><p>${BAD_PATH_MESSAGE}</p><p><a href="/">Go to the review queue</a></p></body></html>`;
  return new NextResponse(page, {
    status: 400,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": "default-src 'none'; frame-ancestors 'none'" },
  });
}

function forbidden(message: string): NextResponse {
  return NextResponse.json({ error: { code: "forbidden", message } }, { status: 403, headers: { "cache-control": "no-store" } });
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const malformed = malformedPathSegment(pathname);
  if (malformed !== null) return badPath(pathname, malformed);

  const machine = MACHINE_ROUTES.some((r) => r.test(pathname));
  if (!machine) {
    const safe = SAFE_METHODS.has(request.method);
    const guarded = !safe || request.headers.has("next-action") || STATE_CHANGING_GETS.some((r) => r.test(pathname));
    if (guarded && isCrossSite(request.headers, appOrigins(appUrl()))) {
      return forbidden(safe ? "Another site may not open this message: open it in Countersign." : "Cross-site requests may not change anything.");
    }
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, env().NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  // Only this proxy says where a request came from; a client's own value is dropped.
  requestHeaders.delete(CLIENT_ADDRESS_HEADER);
  const client = clientAddressFrom(request.headers.get("x-forwarded-for"), env().TRUSTED_PROXY_HOPS);
  if (client) requestHeaders.set(CLIENT_ADDRESS_HEADER, client);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  if (https) response.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [
    // Webhooks are signed machine posts: no page nonce, headers or session work on their hot path.
    { source: "/((?!_next/static|_next/image|favicon.ico|api/webhooks/).*)" },
    // A Server Action can be posted to any path, those above included: the origin check sees them all.
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
  ],
};
