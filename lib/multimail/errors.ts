// Why: MultiMail has no machine-readable error code, only `{error}` and the HTTP status
// (multimail-api.md §1 "Error body", "429 variants"); this turns both into one typed error.
import { z } from "zod";

export const MULTIMAIL_ERROR_KINDS = [
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "validation",
  "too_large",
  "rate_limited",
  "quota",
  "upstream",
  "timeout",
  "network",
] as const;
export type MultiMailErrorKind = (typeof MULTIMAIL_ERROR_KINDS)[number];

/** The per-mailbox warmup 429 body: `warmup_stage`, `daily_sent`, `daily_limit`, `hint` (§1). */
export interface MultiMailWarmup {
  stage: string | null;
  dailySent: number | null;
  dailyLimit: number | null;
  hint: string | null;
}

export interface MultiMailErrorInit {
  /** HTTP status, or 0 when no response arrived (network error, timeout, bad input). */
  status: number;
  kind: MultiMailErrorKind;
  message: string;
  retryAfterMs?: number;
  warmup?: MultiMailWarmup;
  /** e.g. `POST /v1/oversight/decide`, for logs. */
  endpoint?: string;
  /** How many HTTP attempts were made; > 1 means an earlier attempt may have reached the API. */
  attempts?: number;
  cause?: unknown;
}

const multimailErrorBrand = Symbol.for("countersign.MultiMailError");

export class MultiMailError extends Error {
  override readonly name = "MultiMailError";
  readonly status: number;
  readonly kind: MultiMailErrorKind;
  readonly retryAfterMs?: number;
  readonly warmup?: MultiMailWarmup;
  readonly endpoint?: string;
  readonly attempts: number;
  /**
   * Whether the same request may succeed later: no response, 408, 5xx, or a rate limit. False for
   * a malformed 2xx body (kind upstream, status 0), other 4xx, and the monthly quota.
   */
  readonly retryable: boolean;
  /** Its endpoint, status and kind say where it came from: logs leave the stack out (lib/logger.ts). */
  readonly logStack = false;

  /** Next.js may bundle this module more than once; recognise every copy's instances by a brand. */
  readonly [multimailErrorBrand] = true;
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[multimailErrorBrand] === true;
  }

  constructor(init: MultiMailErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.attempts = init.attempts ?? 1;
    this.retryable = init.kind === "network" || init.kind === "timeout" || init.kind === "rate_limited" || init.status >= 500;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.warmup !== undefined) this.warmup = init.warmup;
  }
}

export function isMultiMailError(error: unknown): error is MultiMailError {
  return error instanceof MultiMailError;
}

const optionalString = z.string().optional().catch(undefined);
const optionalNumber = z.number().optional().catch(undefined);
const errorBodySchema = z.object({
  // Documented as a string; tolerate `{error:{message}}` too.
  error: z
    .union([z.string(), z.object({ message: z.string() }).transform((e) => e.message)])
    .optional()
    .catch(undefined),
  message: optionalString,
  warmup_stage: z
    .union([z.string(), z.number().transform(String)])
    .optional()
    .catch(undefined),
  daily_sent: optionalNumber,
  daily_limit: optionalNumber,
  hint: optionalString,
});

/** Status → kind. 422 is PY's ValidationError (§1); 429 splits into quota vs rate limit. */
export function kindForStatus(status: number, message = ""): MultiMailErrorKind {
  if (status === 400 || status === 422) return "validation";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404 || status === 410) return "not_found";
  if (status === 408) return "timeout";
  if (status === 409) return "conflict";
  if (status === 413) return "too_large";
  // Monthly quota: the `error` text contains "quota" (§1 429 variants).
  if (status === 429) return /quota/i.test(message) ? "quota" : "rate_limited";
  // 5xx, and any status the contract does not describe (a 405 means our path is wrong).
  return "upstream";
}

/** `Retry-After` in seconds (float allowed, §1) or as an HTTP date; undefined when absent or junk. */
export function parseRetryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface ErrorResponseInput {
  status: number;
  bodyText: string;
  retryAfter?: string | null;
  endpoint?: string;
  attempts?: number;
}

/** Builds the error for a non-2xx response; a non-JSON body (an HTML 502 page) never throws here. */
export function errorFromResponse(input: ErrorResponseInput): MultiMailError {
  let json: unknown;
  try {
    json = input.bodyText.trim() === "" ? undefined : JSON.parse(input.bodyText);
  } catch {
    json = undefined;
  }
  const parsed = errorBodySchema.safeParse(json);
  const body = parsed.success ? parsed.data : undefined;
  const apiMessage = (body?.error ?? body?.message)?.trim();
  const where = input.endpoint ? ` for ${input.endpoint}` : "";
  const message = apiMessage || `MultiMail returned HTTP ${input.status}${where}${json === undefined && input.bodyText.trim() ? " (non-JSON body)" : ""}`;

  const warmup: MultiMailWarmup | undefined =
    body && (body.warmup_stage !== undefined || body.daily_limit !== undefined)
      ? {
          stage: body.warmup_stage ?? null,
          dailySent: body.daily_sent ?? null,
          dailyLimit: body.daily_limit ?? null,
          hint: body.hint ?? null,
        }
      : undefined;

  return new MultiMailError({
    status: input.status,
    kind: kindForStatus(input.status, apiMessage ?? ""),
    message,
    retryAfterMs: parseRetryAfterMs(input.retryAfter),
    warmup: input.status === 429 ? warmup : undefined,
    endpoint: input.endpoint,
    attempts: input.attempts,
  });
}
