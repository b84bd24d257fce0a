// What a route answers for an error, in one JSON shape (AppError → its status, with Retry-After on a
// 429; anything else → a generic 500 without a stack trace), logged by how bad it is. Shared by the
// App Router's route() and the machine routes (machine-route.ts).
import type { Logger } from "pino";
import { toErrorBody, type ErrorBody } from "@/lib/errors";

export function errorReply(error: unknown, log: Logger): { status: number; body: ErrorBody; headers: Record<string, string> } {
  const { status, body } = toErrorBody(error);
  if (status === 500) log.error({ err: error }, "request failed");
  else if (status >= 500) log.warn({ status, code: body.error.code }, body.error.message);
  else log.info({ status, code: body.error.code }, body.error.message);
  const headers: Record<string, string> = { "cache-control": "no-store" };
  const retryAfter = body.error.details?.retryAfterSeconds;
  if (status === 429 && typeof retryAfter === "number") headers["retry-after"] = String(retryAfter);
  return { status, body, headers };
}
