// Where to go after signing in (`/login?next=`): only a path on this site. Browsers read `\` as `/`
// and drop tabs and newlines inside URLs, so `/\evil.example` and `/<TAB>/evil.example` would
// leave the site; anything but a plain same-origin path falls back to the queue. Client-safe.

const DUMMY_ORIGIN = "http://countersign.invalid";
const MAX_LENGTH = 2048;
/** Characters a browser strips or rewrites while parsing a URL, and other whitespace. */
const UNSAFE = /[\\\u0000-\u0020\u007f-\u009f\s\u200b-\u200f\u2028\u2029\ufeff]/u;

function looksSafe(candidate: string): boolean {
  return candidate.startsWith("/") && !candidate.startsWith("//") && !UNSAFE.test(candidate);
}

/** `raw` when it is a path on this site, normalised; otherwise `fallback`. */
export function safeNextPath(raw: string | string[] | null | undefined, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH) return fallback;
  // Check the value and every decoding of it: a later hop (a proxy, the router) may decode again.
  let candidate = raw;
  for (let round = 0; round < 4; round += 1) {
    if (!looksSafe(candidate)) return fallback;
    let decoded: string;
    try {
      decoded = decodeURIComponent(candidate);
    } catch {
      return fallback;
    }
    if (decoded === candidate) break;
    candidate = decoded;
  }
  let resolved: URL;
  try {
    resolved = new URL(raw, DUMMY_ORIGIN);
  } catch {
    return fallback;
  }
  if (resolved.origin !== DUMMY_ORIGIN) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  return looksSafe(path) ? path : fallback;
}
