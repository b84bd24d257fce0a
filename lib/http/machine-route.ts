// Wraps a machine route: a POST that authenticates by its signature (MultiMail's and LiveKit's
// webhooks), served as a Pages Router API route on Node's own request and response. The App Router
// builds web Request and Response objects, async-storage snapshots and its route runtime around
// every handler; measured on the acknowledge-only webhook, that framework work was more CPU than
// verifying, parsing and recording the event (bench/server.ts), and a Pages API route spends about
// half of it. The handler gets the raw body (size-limited, read once) and the headers, and answers
// JSON; errors take route()'s shape (error-reply.ts); `after` runs once the answer is sent.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { errorReply } from "./error-reply";
import { readNodeBody } from "./read-body";
import { requestIdFrom } from "./request-id";

export interface MachineRequest {
  rawBody: string;
  headers: IncomingHttpHeaders;
  requestId: string;
  log: Logger;
}

export interface MachineReply {
  status: number;
  body: unknown;
  /** Work after the answer is sent; a failure is logged. */
  after?: () => Promise<void>;
}

export interface MachineRouteOptions {
  /** The body's limit in bytes, read per request (it comes from the environment). */
  maxBytes: () => number;
}

/** One header's value: a repeated header is refused rather than guessed at. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return typeof value === "string" ? value : null;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  response.end(json);
}

/** Next's Pages API handler (export it as the route's default, with `config.api.bodyParser` false); plain node:http serves it too. */
export function machineRoute(scope: string, options: MachineRouteOptions, handler: (request: MachineRequest) => Promise<MachineReply>) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const requestId = requestIdFrom(headerValue(request.headers, "x-request-id"));
    const log = logger.child({ scope, requestId });
    let after: MachineReply["after"];
    try {
      if (request.method !== "POST") throw new AppError("method_not_allowed", "This endpoint takes POST only.");
      const rawBody = await readNodeBody(request, options.maxBytes());
      const reply = await handler({ rawBody, headers: request.headers, requestId, log });
      send(response, reply.status, reply.body, { "x-request-id": requestId, "cache-control": "no-store" });
      after = reply.after;
    } catch (error) {
      const { status, body, headers } = errorReply(error, log);
      const extra: Record<string, string> = { "x-request-id": requestId };
      // A body left unread (refused before or while reading it) is not received: the socket closes after the answer.
      if (!request.complete) extra.connection = "close";
      if (status === 405) extra.allow = "POST";
      send(response, status, body, { ...headers, ...extra });
    }
    if (after) {
      await after().catch((error: unknown) => log.error({ err: error }, "work after the response failed"));
    }
  };
}
