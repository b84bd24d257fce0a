// One structured logger for the server; modules take a child with their scope. It writes one JSON
// object per line (what log collectors read); the demo pipes it through sandbox/log-format.ts to
// read it by eye. Credentials that end up in a logged object are replaced, never written.
import pino from "pino";
import { env } from "@/lib/env";

/**
 * Errors as pino writes them, except those that say where they came from by their own fields and
 * mark themselves `logStack = false` (MultiMail's: endpoint, status, kind, attempts): a stack on
 * every refused or failed call buried the log (an outage, or the fault suite's injected faults,
 * printed ten lines a call).
 */
export function serializeError(error: unknown): Record<string, unknown> {
  const out = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  // pino names the constructor, which the production build minifies ("ev"); our errors declare a name.
  if (error instanceof Error && error.name !== "Error") out.type = error.name;
  if (out.logStack === false) {
    delete out.stack;
    delete out.logStack;
  }
  return out;
}

export const logger = pino({
  level: env().LOG_LEVEL,
  base: { app: "countersign" },
  serializers: { err: serializeError },
  redact: {
    paths: [
      "authorization",
      "cookie",
      "password",
      "apiKey",
      "secret",
      "token",
      "*.authorization",
      "*.cookie",
      "*.password",
      "*.apiKey",
      "*.secret",
      "*.token",
      "headers.authorization",
      "headers.cookie",
      "*.headers.authorization",
      "*.headers.cookie",
    ],
    censor: "[redacted]",
  },
});
