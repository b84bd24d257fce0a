// A machine route (lib/http/machine-route.ts) served over real HTTP by node:http for one test file,
// as Next serves a Pages API route: with Node's own request and response. Started on first use,
// closed after the file's tests.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** `send(init)` makes one request to the route (POST unless `init.method` says otherwise). */
export function serveMachineRoute(handler: Handler): (init: RequestInit) => Promise<Response> {
  const server = createServer((request, response) => void handler(request, response));
  let origin: Promise<string> | null = null;
  afterAll(async () => {
    if (!origin) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return async (init) => {
    origin ??= new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
    return fetch(await origin, { method: "POST", ...init });
  };
}
