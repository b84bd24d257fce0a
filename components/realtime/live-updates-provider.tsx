"use client";
// One live-updates subscription for the whole dashboard: it listens to /api/events and invalidates
// the queries a change touches (no second store); every page reads its status through useLiveUpdates.
import { useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState } from "react";
import { contactKeys, inboxKeys } from "@/lib/inbox/queries";
import { voiceKeys } from "@/lib/livekit/queries";
import { reviewKeys } from "@/lib/review/queries";
import type { ChangeEvent } from "@/lib/realtime/events-schema";
import { notifyChange } from "@/components/notifications/notify";
import { coalesce } from "@/lib/realtime/coalesce";
import { liveRefetch } from "@/lib/realtime/live-refetch";

export type LiveStatus = "live" | "connecting" | "offline";

const FLUSH_MS = 50;

const LiveStatusContext = createContext<LiveStatus | null>(null);

/** The query keys one change event touches. */
export function keysOf(event: ChangeEvent): QueryKey[] {
  const keys: QueryKey[] = [reviewKeys.queues()];
  if (event.itemId) keys.push(reviewKeys.item(event.itemId), voiceKeys.evidence(event.itemId));
  if (event.roomSid) keys.push(voiceKeys.session(event.roomSid));
  if (event.type === "inbox.updated") {
    // New or changed mail: mailbox counts, the open list and thread, contacts, and stale flags on open review pages.
    keys.push(inboxKeys.mailboxes(), contactKeys.all, reviewKeys.items());
    if (event.mailboxId) {
      keys.push(inboxKeys.emailLists(event.mailboxId));
      keys.push(event.threadId ? inboxKeys.thread(event.mailboxId, event.threadId) : inboxKeys.threads(event.mailboxId));
    }
  } else if (event.itemId || event.roomSid) {
    // A decision or a call changes held mail in threads and timelines.
    keys.push(contactKeys.all);
  }
  return keys;
}

function catchUp(queryClient: QueryClient) {
  for (const queryKey of [reviewKeys.all, voiceKeys.all, inboxKeys.all, contactKeys.all]) void queryClient.invalidateQueries({ queryKey });
}

/**
 * `renderedAt`: the server's clock when the dashboard was rendered. When the connection first opens,
 * the server says what changed since then, and only that is refetched; a server that cannot tell
 * (it restarted, or too long passed) gets everything refetched once.
 */
export function LiveUpdatesProvider({ children, renderedAt }: { children: React.ReactNode; renderedAt: number }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  useEffect(() => {
    // A burst of events (a batch decided, a storm of webhooks) becomes one refetch per query, and a
    // lone event's refetch starts at once; a refetch in flight is never cancelled (live-refetch.ts).
    const refetcher = liveRefetch(queryClient);
    const batch = coalesce<QueryKey>(
      FLUSH_MS,
      (key) => JSON.stringify(key),
      (keys) => {
        for (const key of keys) refetcher.refetch(key);
      },
    );
    const invalidate = (queryKey: QueryKey) => batch.add(queryKey);
    // The first connection keeps what the server just rendered and refetches only what changed in
    // between; a connection that dropped may have missed anything, so a reconnect catches up once.
    let first = true;
    let dropped = false;
    let closed = false;
    const source = new EventSource("/api/events");
    source.onopen = () => {
      setStatus("live");
      if (dropped) catchUp(queryClient);
      else if (first) {
        fetch(`/api/events/recent?since=${renderedAt}`, { cache: "no-store" })
          .then((response) => (response.ok ? (response.json() as Promise<{ complete: boolean; events: ChangeEvent[] }>) : null))
          .then((recent) => {
            if (closed) return;
            if (!recent?.complete) catchUp(queryClient);
            else for (const event of recent.events) for (const key of keysOf(event)) invalidate(key);
          })
          .catch(() => {
            if (!closed) catchUp(queryClient);
          });
      }
      first = false;
      dropped = false;
    };
    source.onerror = () => {
      dropped = true;
      setStatus(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    };
    source.onmessage = (message) => {
      // The server parsed each event from pg_notify with changeEventSchema before sending it
      // (lib/realtime/events.ts): here it is our own typed JSON, no second zod parse in the bundle.
      let event: ChangeEvent | null;
      try {
        event = JSON.parse(message.data as string) as ChangeEvent | null;
      } catch {
        return;
      }
      if (typeof event?.type !== "string") return;
      notifyChange(event); // a browser notification, when this reviewer turned them on
      for (const key of keysOf(event)) invalidate(key);
    };
    return () => {
      closed = true;
      source.close();
      batch.cancel();
      refetcher.close();
    };
  }, [queryClient, renderedAt]);
  return <LiveStatusContext.Provider value={status}>{children}</LiveStatusContext.Provider>;
}

/** The dashboard's live connection: "live", "connecting" (or reconnecting) or "offline". */
export function useLiveStatus(): LiveStatus {
  return useContext(LiveStatusContext) ?? "offline";
}
