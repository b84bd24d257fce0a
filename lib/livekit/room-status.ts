// Is a call still live? Asks LiveKit's RoomService (listRooms returns active rooms only; livekit.md
// §1.4) when LIVEKIT_URL is set, and answers "unknown" instead of failing when LiveKit is slow or
// unreachable. Answers are cached briefly so a page full of sessions makes one call per room.
import { RoomServiceClient } from "livekit-server-sdk";
import { logger } from "@/lib/logger";
import { livekitServerConfig } from "./config";
import type { LiveStatus } from "./schemas";

const CACHE_MS = 10_000;
const cache = new Map<string, { until: number; value: LiveStatus }>();
const log = logger.child({ scope: "livekit-room-status" });

export async function liveStatus(room: { roomSid: string; roomName: string | null }, options: { timeoutSeconds?: number } = {}): Promise<LiveStatus> {
  const config = livekitServerConfig();
  const checkedAt = new Date().toISOString();
  if (!config.configured) return { status: "not_configured", participants: null, checkedAt };
  if (!room.roomName) return { status: "unknown", participants: null, checkedAt };
  const key = `${config.url}|${room.roomSid}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.value;

  let value: LiveStatus;
  try {
    // failover:false keeps a Cloud outage from tripling the wait (livekit.md §5).
    const client = new RoomServiceClient(config.url, config.apiKey, config.apiSecret, { requestTimeout: options.timeoutSeconds ?? 3, failover: false });
    const rooms = await client.listRooms([room.roomName]);
    // Names are reused: only this room instance (its sid) counts as the same call.
    const match = rooms.find((r) => r.sid === room.roomSid);
    value = { status: match ? "live" : "ended", participants: match ? match.numParticipants : null, checkedAt };
  } catch (error) {
    log.debug({ err: error, roomSid: room.roomSid }, "LiveKit room look-up failed");
    value = { status: "unknown", participants: null, checkedAt };
  }
  cache.set(key, { until: Date.now() + CACHE_MS, value });
  if (cache.size > 1000) cache.delete(cache.keys().next().value as string);
  return value;
}

/** Tests start from an empty cache. */
export function clearLiveStatusCache(): void {
  cache.clear();
}
