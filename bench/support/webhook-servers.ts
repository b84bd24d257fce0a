// The two handlers the ingest comparison puts side by side, each a plain node:http server:
// - bare: what any webhook receiver must do at least, written out by hand: constant-time HMAC check
//   (crypto.timingSafeEqual), JSON.parse, one INSERT … ON CONFLICT DO NOTHING into webhook_deliveries;
// - app: the same server calling the app's own ingestMultiMailWebhook (lib/review).
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@/lib/db/client";
import { toErrorBody } from "@/lib/errors";
import { ingestMultiMailWebhook } from "@/lib/review/ingest-multimail-webhook";

/** One SQL statement with parameters on the same database as the app's (a pg Pool or the PGlite instance). */
export type RawQuery = (text: string, params: unknown[]) => Promise<unknown>;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<RunningServer> {
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const INSERT = `insert into webhook_deliveries (source, dedupe_key, event_type, subject_id, payload)
  values ('multimail', $1, $2, $3, $4) on conflict do nothing returning id`;

export function startBareServer(query: RawQuery, secret: string): Promise<RunningServer> {
  return listen(async (req, res) => {
    const raw = await readBody(req);
    const hex = /^sha256=([0-9a-f]{64})$/i.exec(String(req.headers["x-multimail-signature"] ?? ""))?.[1];
    const expected = createHmac("sha256", secret).update(raw).digest();
    if (!hex || !timingSafeEqual(Buffer.from(hex, "hex"), expected)) return send(res, 401, { error: "signature" });
    const event = JSON.parse(raw) as { event: string; data?: { email_id?: string } };
    await query(INSERT, [createHash("sha256").update(raw).digest("hex"), event.event, event.data?.email_id ?? null, raw]);
    send(res, 200, { status: "accepted", event: event.event });
  });
}

export function startAppServer(db: Db, secret: string): Promise<RunningServer> {
  return listen(async (req, res) => {
    const rawBody = await readBody(req);
    try {
      const signature = req.headers["x-multimail-signature"];
      const result = await ingestMultiMailWebhook(db, { rawBody, signature: typeof signature === "string" ? signature : null, secret, stripPrefix: false });
      send(res, 200, { status: result.status, event: result.eventType });
    } catch (error) {
      const { status, body } = toErrorBody(error);
      send(res, status, body);
    }
  });
}
