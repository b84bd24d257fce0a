// Named, coded errors; the one place a code becomes an HTTP status.
export const errorStatus = {
  validation: 422,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  not_configured: 503,
  upstream: 502,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

const appErrorBrand = Symbol.for("countersign.AppError");

export class AppError extends Error {
  override name = "AppError";
  /** Next.js may bundle this module more than once; recognise every copy's instances by a brand. */
  readonly [appErrorBrand] = true;
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[appErrorBrand] === true;
  }
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return {
      status: errorStatus[error.code],
      body: { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
    };
  }
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on our side. It has been logged." } } };
}
