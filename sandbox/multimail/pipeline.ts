// One request's path through the emulator: faults → size limit → route → auth/scope → handler → JSON.
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate, requireAnyScope } from "./auth";
import type { EmulatorContext } from "./context";
import { faultReply } from "./faults";
import { ApiError, matchRoute, parseJsonBody, readBody, type Reply, type RequestContext, type Route } from "./http";
import type { ApiKey } from "./types";

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function errorReply(err: unknown, log: (line: string) => void): Reply {
  if (err instanceof ApiError) {
    return { status: err.status, body: { error: err.message, ...err.extra }, headers: err.headers };
  }
  log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return { status: 500, body: { error: "Internal server error" } };
}

function write(res: ServerResponse, out: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string> = { ...(out.headers ?? {}) };
  if (out.raw !== undefined) {
    headers["Content-Type"] = out.contentType ?? "application/octet-stream";
    res.writeHead(out.status, headers);
    res.end(out.raw);
    return;
  }
  headers["Content-Type"] = "application/json; charset=utf-8";
  res.writeHead(out.status, headers);
  res.end(JSON.stringify(out.body ?? {}));
}

/** What the request log keeps of a body: parsed JSON with attachment bytes summarised. */
function loggedBody(raw: Buffer): unknown {
  if (raw.length === 0) return null;
  const text = raw.toString("utf8");
  try {
    return JSON.parse(text, (key, value: unknown) => (key === "content_base64" && typeof value === "string" ? `<${value.length} base64 chars>` : value));
  } catch {
    return text.slice(0, 2000);
  }
}

/** Top-level string fields of a JSON body (for fault matching and the decide log); {} otherwise. */
function jsonFields(raw: Buffer): Record<string, string> {
  if (raw.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(raw.toString("utf8"));
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === "string"));
  } catch {
    return {};
  }
}

export function createHandler(
  app: EmulatorContext,
  routes: Route[],
  options: { maxBodyBytes: number; baseUrl: () => string },
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const started = Date.now();
    const baseUrl = options.baseUrl();
    const url = new URL(req.url ?? "/", baseUrl);
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname;
    const isControl = path.startsWith("/__emulator/") || path === "/__emulator";
    const { body: rawBody, tooLarge } = await readBody(req, options.maxBodyBytes);
    const bodyFields = tooLarge ? {} : jsonFields(rawBody);
    let key: ApiKey | null = null;
    let faulted = false;
    let handled = false;

    const dispatch = async (): Promise<Reply> => {
      if (!isControl) {
        const fault = app.faults.take(method, path, bodyFields.email_id ?? null);
        if (fault) {
          faulted = true;
          if (fault.delay_ms > 0) await sleep(fault.delay_ms);
          const forced = faultReply(fault);
          if (forced) return forced;
        }
      }
      if (tooLarge) throw new ApiError(413, `Request body too large (limit ${options.maxBodyBytes} bytes)`);
      const match = matchRoute(routes, method, path);
      // Unknown paths and methods are 404, including the marketing paths of multimail-api.md §6.1.
      if (!match) throw new ApiError(404, "Not found");
      if (match.route.scopes) {
        key = authenticate(app.store, req.headers, baseUrl);
        requireAnyScope(key, match.route.scopes);
      }
      let parsed: { value: unknown } | null = null;
      const ctx: RequestContext = {
        method,
        path,
        url,
        baseUrl,
        params: match.params,
        query: url.searchParams,
        headers: req.headers,
        rawBody,
        key,
        json: () => (parsed ??= { value: parseJsonBody(rawBody) }).value,
      };
      const result = await match.route.handler(ctx);
      handled = true;
      return result;
    };

    let out: Reply;
    try {
      out = await dispatch();
    } catch (err) {
      out = errorReply(err, app.log);
    }
    try {
      write(res, out);
    } catch (err) {
      app.log(`failed to write response: ${String(err)}`);
    }
    if (method === "POST" && path === "/v1/oversight/decide") {
      app.store.decideCalls.push({
        at: new Date(started).toISOString(),
        email_id: bodyFields.email_id ?? null,
        action: bodyFields.action ?? null,
        status: out.status,
        faulted,
        applied: handled && out.status === 200,
      });
    }
    if (!isControl) {
      const keyName = (key as ApiKey | null)?.name ?? null;
      app.store.logRequest({
        at: new Date(started).toISOString(),
        method,
        path,
        query: url.search,
        status: out.status,
        key_name: keyName,
        body: tooLarge ? "<too large>" : loggedBody(rawBody),
        duration_ms: Date.now() - started,
      });
    }
  };
}
