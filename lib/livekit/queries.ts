// Query keys and client queryOptions of the voice-session domain; the server prefetches under the same keys.
// Types only from schemas.ts: importing its values would put zod in the browser bundle.
import { queryOptions } from "@tanstack/react-query";
import { getJson } from "@/lib/http/get-json";
import type { ItemEvidence, LiveStatus, SessionDetail } from "./schemas";

export const voiceKeys = {
  all: ["voice"] as const,
  sessions: () => [...voiceKeys.all, "session"] as const,
  session: (roomSid: string) => [...voiceKeys.sessions(), roomSid] as const,
  live: (roomSid: string) => [...voiceKeys.all, "live", roomSid] as const,
  evidences: () => [...voiceKeys.all, "evidence"] as const,
  evidence: (itemId: string) => [...voiceKeys.evidences(), itemId] as const,
};

export function sessionQuery(roomSid: string) {
  return queryOptions({
    queryKey: voiceKeys.session(roomSid),
    queryFn: () => getJson<SessionDetail>(`/api/voice-sessions/${encodeURIComponent(roomSid)}`),
  });
}

export function itemEvidenceQuery(itemId: string) {
  return queryOptions({
    queryKey: voiceKeys.evidence(itemId),
    queryFn: () => getJson<ItemEvidence>(`/api/items/${encodeURIComponent(itemId)}/evidence`),
  });
}

/** Polled while a session is unfinished; LiveKit being unreachable shows as "unknown", never an error. */
export function liveStatusQuery(roomSid: string) {
  return queryOptions({
    queryKey: voiceKeys.live(roomSid),
    queryFn: () => getJson<LiveStatus>(`/api/voice-sessions/${encodeURIComponent(roomSid)}/live`),
    refetchInterval: 15_000,
    retry: false,
  });
}
