// A request's id for its logs and its answer: the caller's X-Request-Id when it is a plain token (a
// proxy's trace id), otherwise a new one, so odd bytes from outside never reach a log line or a header.
import { randomUUID } from "node:crypto";

const TOKEN = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | null | undefined): string {
  return header && TOKEN.test(header) ? header : randomUUID();
}
