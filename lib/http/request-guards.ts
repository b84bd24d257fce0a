// Checks proxy.ts runs before anything else: is a request from another site, and can its path be
// decoded at all. Origins are compared with the deployment's own (APP_URL, lib/auth/app-origins.ts),
// never with the Host or X-Forwarded-Host headers, which a client (or a rebound DNS name) chooses.

/**
 * True when a browser says the request was started by another site (Sec-Fetch-Site), or its Origin
 * is not one of ours. A request with neither header did not come from a browser page, which would
 * send them, so it cannot carry someone else's cookies without their say.
 */
export function isCrossSite(headers: Headers, ownOrigins: readonly string[]): boolean {
  const site = headers.get("sec-fetch-site");
  // "none" is the person themselves (address bar, bookmark); "same-site" is a sibling subdomain.
  if (site !== null && site !== "same-origin" && site !== "none") return true;
  const origin = headers.get("origin");
  if (origin === null) return false;
  try {
    return !ownOrigins.includes(new URL(origin).origin);
  } catch {
    return true; // "null" (sandboxed frames, file://) or garbage
  }
}

/** The first path segment that is not valid percent-encoded UTF-8 (`/emails/%E0%A4%A`), or null. */
export function malformedPathSegment(pathname: string): string | null {
  for (const segment of pathname.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }
  return null;
}
