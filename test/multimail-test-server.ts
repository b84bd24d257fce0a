// Why: client tests run over real HTTP against this tiny canned-response double of the MultiMail REST
// API (the real one is unreachable from tests); it records every request for assertions.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, or undefined when empty or not JSON. */
  json: unknown;
}

export interface CannedResponse {
  status?: number;
  /** Serialised as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as-is (for non-JSON bodies); ignored when `json` is set. */
  text?: string;
  headers?: Record<string, string>;
  /** Wait before answering (to trigger client timeouts). */
  delayMs?: number;
}

export type Responder = CannedResponse | ((req: RecordedRequest) => CannedResponse);

export interface TestServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Each matching request takes the next responder; the last one repeats. Unrouted requests get 404. */
  route(method: string, path: string, ...responders: Responder[]): void;
  requestsTo(method: string, path: string): RecordedRequest[];
  reset(): void;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const routes = new Map<string, Responder[]>();
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const recorded: RecordedRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        json,
      };
      requests.push(recorded);

      const queue = routes.get(`${recorded.method} ${recorded.path}`);
      const responder = queue && queue.length > 1 ? queue.shift() : queue?.[0];
      const canned: CannedResponse = !responder ? { status: 404, json: { error: "Not found" } } : typeof responder === "function" ? responder(recorded) : responder;

      const send = () => {
        if (res.destroyed) return;
        const headers: Record<string, string> = { ...canned.headers };
        let payload = canned.text ?? "";
        if (canned.json !== undefined) {
          payload = JSON.stringify(canned.json);
          headers["content-type"] ??= "application/json";
        }
        res.writeHead(canned.status ?? 200, headers);
        res.end(payload);
      };
      if (!canned.delayMs) return send();
      const timer = setTimeout(send, canned.delayMs);
      res.on("close", () => clearTimeout(timer));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    route(method, path, ...responders) {
      routes.set(`${method.toUpperCase()} ${path}`, responders);
    },
    requestsTo(method, path) {
      return requests.filter((r) => r.method === method.toUpperCase() && r.path === path);
    },
    reset() {
      routes.clear();
      requests.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
