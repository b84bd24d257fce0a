// Minimal HTTP plumbing for the emulator: routing, JSON errors, body limits, cursor pagination.
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { z } from "zod";
import type { ApiKey, Scope } from "./types";

/** Every error leaves as `{ "error": "<message>" }` (multimail-api.md §1 "Error body"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface Reply {
  status: number;
  body?: unknown;
  raw?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
}

export function reply(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

export interface RequestContext {
  method: string;
  path: string;
  url: URL;
  baseUrl: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  key: ApiKey | null;
  json(): unknown;
}

export interface Route {
  method: string;
  pattern: string;
  /** Any one of these scopes admits the key; `null` means no authentication at all. */
  scopes: Scope[] | null;
  handler: (ctx: RequestContext) => Reply | Promise<Reply>;
}

export function route(method: string, pattern: string, scopes: Scope[] | null, handler: Route["handler"]): Route {
  return { method, pattern, scopes, handler };
}

export function matchRoute(routes: Route[], method: string, path: string): { route: Route; params: Record<string, string> } | null {
  const segments = path.split("/").filter(Boolean);
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const parts = candidate.pattern.split("/").filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      const segment = segments[i] as string;
      if (part.startsWith(":")) {
        try {
          params[part.slice(1)] = decodeURIComponent(segment);
        } catch {
          ok = false;
        }
      } else if (part !== segment) {
        ok = false;
      }
      if (!ok) break;
    }
    if (ok) return { route: candidate, params };
  }
  return null;
}

/** Reads the whole body (so the client never sees a reset) and flags it when over the limit. */
export async function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size <= limit) chunks.push(buf);
  }
  return { body: size > limit ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge: size > limit };
}

export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new ApiError(400, "Invalid JSON body");
  }
}

/** Validates with zod and turns the first issue into a MultiMail-style 400 message. */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new ApiError(400, `${where}${issue?.message ?? "Invalid request body"}`);
}

export function encodeCursor(afterId: string): string {
  return Buffer.from(JSON.stringify({ a: afterId }), "utf8").toString("base64url");
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { a?: unknown };
    if (typeof parsed.a === "string") return parsed.a;
  } catch {
    // fall through
  }
  throw new ApiError(400, "Invalid cursor");
}

export function parseLimit(query: URLSearchParams, fallback: number): number {
  const raw = query.get("limit");
  if (raw === null || raw === "") return fallback;
  const limit = Number(raw);
  // multimail-api.md §1: "limit is 1–100". Out of range is refused rather than clamped (the reference is silent).
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new ApiError(400, "limit must be an integer between 1 and 100");
  }
  return limit;
}

/**
 * Newest-first keyset pagination over ULID-sorted items. The cursor is opaque and null on the last
 * page; there is no `has_more` (multimail-api.md §1 "Pagination"). `offset` is ignored (§6.8).
 */
export function paginate<T extends { id: string }>(newestFirst: T[], query: URLSearchParams, defaultLimit: number): { page: T[]; cursor: string | null } {
  const limit = parseLimit(query, defaultLimit);
  const cursor = query.get("cursor");
  const after = cursor ? decodeCursor(cursor) : null;
  const rest = after === null ? newestFirst : newestFirst.filter((item) => item.id < after);
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return { page, cursor: rest.length > limit && last ? encodeCursor(last.id) : null };
}

export function newestFirst<T extends { id: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

export function nowIso(): string {
  return new Date().toISOString();
}
