// One structured logger for the server; modules take a child with their scope. It writes one JSON
// object per line (what log collectors read); the demo pipes it through sandbox/log-format.ts to
// read it by eye. Credentials that end up in a logged object are replaced, never written.
import pino from "pino";
import { env } from "@/lib/env";

export const logger = pino({
  level: env().LOG_LEVEL,
  base: { app: "countersign" },
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
