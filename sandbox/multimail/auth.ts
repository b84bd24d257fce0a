// Bearer-key authentication and scope checks, with MultiMail's 401/403 shapes.
import type { IncomingHttpHeaders } from "node:http";
import { ApiError, nowIso } from "./http";
import type { EmulatorStore } from "./store";
import type { ApiKey, Scope } from "./types";

function unauthorized(message: string, baseUrl: string, invalidToken: boolean): ApiError {
  // Newer API versions point 401s at the OAuth protected-resource metadata (multimail-api.md §1).
  const params = [`realm="multimail"`, `resource_metadata="${baseUrl}/.well-known/oauth-protected-resource"`];
  if (invalidToken) params.push(`error="invalid_token"`);
  return new ApiError(401, message, {}, { "WWW-Authenticate": `Bearer ${params.join(", ")}` });
}

/**
 * Only `Authorization: Bearer` is honoured. SPEC's `X-API-Key` scheme is used by the stale Zapier
 * app alone (multimail-api.md §0 ZAP, §1 "Send Bearer"), so a request carrying only it gets 401.
 */
export function authenticate(store: EmulatorStore, headers: IncomingHttpHeaders, baseUrl: string): ApiKey {
  const header = headers.authorization;
  if (!header) {
    const hint = headers["x-api-key"] ? " (X-API-Key is not accepted; use Authorization: Bearer <key>)" : "";
    throw unauthorized(`Missing API key${hint}`, baseUrl, false);
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized("Invalid Authorization header; expected: Bearer <api key>", baseUrl, true);
  const key = store.keys.get(match[1]);
  if (!key || !key.is_active) throw unauthorized("Invalid API key", baseUrl, true);
  key.last_used_at = nowIso();
  return key;
}

/** The admin scope "includes read access" (multimail-api.md §1 "Scopes"). */
export function hasScope(key: ApiKey, scope: Scope): boolean {
  if (key.scopes.includes(scope)) return true;
  return scope === "read" && key.scopes.includes("admin");
}

export function requireAnyScope(key: ApiKey, scopes: Scope[]): void {
  if (scopes.length === 0 || scopes.some((s) => hasScope(key, s))) return;
  const [first, ...rest] = scopes;
  const alternatives = rest.length > 0 ? ` (or ${rest.join(", ")})` : "";
  throw new ApiError(403, `API key lacks required scope: ${first}${alternatives}`);
}
