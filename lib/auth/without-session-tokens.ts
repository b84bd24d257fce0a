// Session tokens live only in the httpOnly cookie. better-auth also puts them in JSON bodies
// (`token` on sign-in, `session.token` on get-session, each item of list-sessions and the admin
// session lists), where any script on the page could read them; this drops every `token` key.

const MAX_DEPTH = 4;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `body` without any `token` key, or `body` itself (the same reference) when it has none. */
export function withoutSessionTokens<T>(body: T, depth = 0): T {
  if (depth > MAX_DEPTH) return body;
  if (Array.isArray(body)) {
    let changed = false;
    const items = body.map((item: unknown) => {
      const next = withoutSessionTokens(item, depth + 1);
      if (next !== item) changed = true;
      return next;
    });
    return (changed ? items : body) as T;
  }
  if (!isPlainObject(body)) return body;
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "token") {
      changed = true;
      continue;
    }
    const next = withoutSessionTokens(value, depth + 1);
    if (next !== value) changed = true;
    copy[key] = next;
  }
  return (changed ? copy : body) as T;
}
