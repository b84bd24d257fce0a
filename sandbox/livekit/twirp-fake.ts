// A LiveKit RoomService stand-in for the real SDK clients (livekit.md §1.8): Twirp over HTTP on
// loopback, Bearer JWTs verified with the SDK's TokenVerifier, the per-method grant table of
// LiveKit's own test server, in-memory rooms, protojson answers with content-type exactly
// application/json (or the SDK loses error codes), and injectable failures.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { TokenVerifier } from "livekit-server-sdk";

export interface FakeRoom {
  sid: string;
  name: string;
  metadata?: string;
  numParticipants?: number;
  createdAt?: Date;
}

interface Grants {
  roomList?: boolean;
  roomCreate?: boolean;
  roomAdmin?: boolean;
  room?: string;
}

type Fault = { status: number; code: string; delayMs?: number; count: number };

export interface TwirpFake {
  url: string;
  rooms: Map<string, FakeRoom>;
  /** Calls received, for assertions: method and room names asked about. */
  calls: { method: string; body: Record<string, unknown> }[];
  addRoom(room: Partial<FakeRoom> & { name: string }): FakeRoom;
  removeRoom(name: string): void;
  /** The next `count` calls fail with this Twirp error (or hang for delayMs first). */
  fail(fault: { status: number; code?: string; delayMs?: number; count?: number }): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const twirpError = (res: ServerResponse, status: number, code: string, msg: string) => send(res, status, { code, msg, meta: {} });

function roomJson(room: FakeRoom) {
  const created = room.createdAt ?? new Date();
  return {
    sid: room.sid,
    name: room.name,
    emptyTimeout: 300,
    creationTime: String(Math.floor(created.getTime() / 1000)),
    creationTimeMs: String(created.getTime()),
    ...(room.metadata ? { metadata: room.metadata } : {}),
    ...(room.numParticipants ? { numParticipants: room.numParticipants } : {}),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
}

export async function startTwirpFake(options: { apiKey: string; apiSecret: string; port?: number; host?: string }): Promise<TwirpFake> {
  const rooms = new Map<string, FakeRoom>();
  const calls: TwirpFake["calls"] = [];
  const faults: Fault[] = [];
  const verifier = new TokenVerifier(options.apiKey, options.apiSecret);

  const server = createServer((req, res) => {
    void (async () => {
      const match = /^\/twirp\/livekit\.RoomService\/(\w+)$/.exec(req.url ?? "");
      if (req.method !== "POST" || !match) return twirpError(res, 404, "bad_route", `no handler for ${req.method} ${req.url}`);
      const method = match[1] ?? "";
      let body: Record<string, unknown>;
      try {
        body = await readJson(req);
      } catch {
        return twirpError(res, 400, "malformed", "the body is not JSON");
      }
      calls.push({ method, body });
      const fault = faults[0];
      if (fault) {
        if (--fault.count <= 0) faults.shift();
        if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
        return twirpError(res, fault.status, fault.code, "injected failure");
      }
      const header = req.headers.authorization ?? "";
      let grants: Grants;
      try {
        const claims = (await verifier.verify(header.replace(/^Bearer /, ""))) as { video?: Grants };
        grants = claims.video ?? {};
      } catch {
        return twirpError(res, 401, "unauthenticated", "invalid token");
      }
      const denied = () => twirpError(res, 403, "permission_denied", `${method} needs a grant this token lacks`);
      switch (method) {
        case "ListRooms": {
          if (!grants.roomList) return denied();
          const names = Array.isArray(body.names) ? (body.names as string[]) : [];
          const list = [...rooms.values()].filter((r) => names.length === 0 || names.includes(r.name));
          return send(res, 200, { rooms: list.map(roomJson) });
        }
        case "CreateRoom": {
          if (!grants.roomCreate) return denied();
          const name = String(body.name ?? "");
          const room = rooms.get(name) ?? { sid: `RM_${randomUUID().replace(/-/g, "").slice(0, 12)}`, name, createdAt: new Date() };
          rooms.set(name, room);
          return send(res, 200, roomJson(room));
        }
        case "DeleteRoom": {
          if (!grants.roomCreate) return denied();
          rooms.delete(String(body.room ?? ""));
          return send(res, 200, {});
        }
        case "ListParticipants": {
          const name = String(body.room ?? "");
          if (!grants.roomAdmin || grants.room !== name) return denied();
          if (!rooms.has(name)) return twirpError(res, 404, "not_found", "requested room does not exist");
          return send(res, 200, { participants: [] });
        }
        default:
          return twirpError(res, 404, "bad_route", `RoomService.${method} is not faked`);
      }
    })().catch((error: unknown) => twirpError(res, 500, "internal", error instanceof Error ? error.message : "error"));
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    rooms,
    calls,
    addRoom(room) {
      const full: FakeRoom = { sid: room.sid ?? `RM_${randomUUID().replace(/-/g, "").slice(0, 12)}`, createdAt: new Date(), ...room };
      rooms.set(full.name, full);
      return full;
    },
    removeRoom(name) {
      rooms.delete(name);
    },
    fail(fault) {
      faults.push({ status: fault.status, code: fault.code ?? "unavailable", delayMs: fault.delayMs, count: fault.count ?? 1 });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
