// LiveKit's webhooks as the server sends them (livekit.md §1.2, §2): proto JSON bodies (lowerCamel,
// int64 as strings, enums as names, defaults omitted), signed with livekit-server-sdk's AccessToken
// (iss = API key, sha256 = base64 SHA-256 of the exact body, 5-minute expiry), posted raw.
import { createHash, randomUUID } from "node:crypto";
import { AccessToken } from "livekit-server-sdk";

export interface LiveKitKeys {
  apiKey: string;
  apiSecret: string;
}

const seconds = (d: Date) => String(Math.floor(d.getTime() / 1000));
const nanos = (d: Date) => `${d.getTime()}000000`;

export function roomInfo(room: { sid: string; name: string; metadata?: string; createdAt?: Date; numParticipants?: number }) {
  const created = room.createdAt ?? new Date();
  return {
    sid: room.sid,
    name: room.name,
    emptyTimeout: 300,
    departureTimeout: 20,
    creationTime: seconds(created),
    creationTimeMs: String(created.getTime()),
    ...(room.metadata ? { metadata: room.metadata } : {}),
    ...(room.numParticipants ? { numParticipants: room.numParticipants } : {}),
  };
}

export function participantInfo(p: {
  identity: string;
  sid?: string;
  name?: string;
  kind?: "STANDARD" | "SIP" | "AGENT" | "EGRESS" | "INGRESS";
  metadata?: string;
  attributes?: Record<string, string>;
  joinedAt?: Date;
  state?: "JOINING" | "JOINED" | "ACTIVE" | "DISCONNECTED";
  disconnectReason?: string;
}) {
  const joined = p.joinedAt ?? new Date();
  return {
    sid: p.sid ?? `PA_${randomUUID().replace(/-/g, "").slice(0, 12)}`,
    identity: p.identity,
    state: p.state ?? "ACTIVE",
    joinedAt: seconds(joined),
    joinedAtMs: String(joined.getTime()),
    isPublisher: true,
    ...(p.name ? { name: p.name } : {}),
    ...(p.metadata ? { metadata: p.metadata } : {}),
    ...(p.attributes ? { attributes: p.attributes } : {}),
    // STANDARD is the enum's zero value, which protojson omits.
    ...(p.kind && p.kind !== "STANDARD" ? { kind: p.kind } : {}),
    ...(p.disconnectReason ? { disconnectReason: p.disconnectReason } : {}),
  };
}

export function egressInfo(e: {
  egressId: string;
  roomSid: string;
  roomName: string;
  status: string;
  startedAt?: Date;
  endedAt?: Date;
  files?: { filename: string; location: string; size?: number; durationSeconds?: number }[];
}) {
  return {
    egressId: e.egressId,
    roomId: e.roomSid,
    roomName: e.roomName,
    status: e.status,
    ...(e.startedAt ? { startedAt: nanos(e.startedAt), updatedAt: nanos(e.endedAt ?? e.startedAt) } : {}),
    ...(e.endedAt ? { endedAt: nanos(e.endedAt) } : {}),
    ...(e.files?.length
      ? {
          fileResults: e.files.map((f) => ({
            filename: f.filename,
            location: f.location,
            ...(f.size ? { size: String(f.size) } : {}),
            ...(f.durationSeconds ? { duration: `${Math.round(f.durationSeconds * 1e9)}` } : {}),
          })),
        }
      : {}),
  };
}

/** A webhook event body; `id` is unique per event (EV_…) and is what the receiver dedupes on. */
export function liveKitEvent(event: string, fields: Record<string, unknown>, options: { id?: string; at?: Date } = {}) {
  return { event, ...fields, id: options.id ?? `EV_${randomUUID().replace(/-/g, "").slice(0, 16)}`, createdAt: seconds(options.at ?? new Date()) };
}

/** The Authorization value LiveKit sends: a bare JWT carrying the body's SHA-256. */
export async function signLiveKitBody(body: string, keys: LiveKitKeys, options: { ttl?: string | number } = {}): Promise<string> {
  const token = new AccessToken(keys.apiKey, keys.apiSecret, { ttl: options.ttl ?? "5m" });
  token.sha256 = createHash("sha256").update(body, "utf8").digest("base64");
  return token.toJwt();
}

/** POSTs one event the way a LiveKit server does. */
export async function postLiveKitWebhook(url: string, event: object, keys: LiveKitKeys, options: { body?: string } = {}): Promise<Response> {
  const body = options.body ?? JSON.stringify(event);
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/webhook+json", "user-agent": "LiveKit", authorization: await signLiveKitBody(body, keys) },
    body,
  });
}
