"use client";
// Listens to /api/events and invalidates the queries a change touches; no second store.
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { contactKeys, inboxKeys } from "@/lib/inbox/queries";
import { voiceKeys } from "@/lib/livekit/queries";
import { reviewKeys } from "@/lib/review/queries";
import type { ChangeEvent } from "@/lib/realtime/events-schema";

const FLUSH_MS = 50;

export function useLiveUpdates(): "live" | "connecting" | "offline" {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<"live" | "connecting" | "offline">("connecting");
  useEffect(() => {
    // A burst of events (a batch decided, a storm of webhooks) becomes one refetch per query: each
    // invalidation cancels a refetch in flight, so invalidating on every event could starve a page.
    const due = new Map<string, QueryKey>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const invalidate = (queryKey: QueryKey) => {
      due.set(JSON.stringify(queryKey), queryKey);
      timer ??= setTimeout(() => {
        timer = undefined;
        const keys = [...due.values()];
        due.clear();
        for (const key of keys) void queryClient.invalidateQueries({ queryKey: key });
      }, FLUSH_MS);
    };
    const source = new EventSource("/api/events");
    source.onopen = () => {
      setStatus("live");
      // Changes made between the server render and this connection (or while reconnecting) were
      // not pushed to us: catch up once.
      void queryClient.invalidateQueries({ queryKey: reviewKeys.all });
      void queryClient.invalidateQueries({ queryKey: voiceKeys.all });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
      void queryClient.invalidateQueries({ queryKey: contactKeys.all });
    };
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
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
      invalidate(reviewKeys.queues());
      if (event.itemId) {
        invalidate(reviewKeys.item(event.itemId));
        invalidate(voiceKeys.evidence(event.itemId));
      }
      if (event.roomSid) invalidate(voiceKeys.session(event.roomSid));
      if (event.type === "inbox.updated") {
        // New or changed mail: mailbox counts, the open list and thread, contacts, and stale flags on open review pages.
        invalidate(inboxKeys.mailboxes());
        invalidate(contactKeys.all);
        invalidate(reviewKeys.items());
        if (event.mailboxId) {
          invalidate(inboxKeys.emailLists(event.mailboxId));
          if (event.threadId) invalidate(inboxKeys.thread(event.mailboxId, event.threadId));
          else invalidate(inboxKeys.threads(event.mailboxId));
        }
      } else if (event.itemId || event.roomSid) {
        // A decision or a call changes held mail in threads and timelines.
        invalidate(contactKeys.all);
      }
    };
    return () => {
      source.close();
      clearTimeout(timer);
    };
  }, [queryClient]);
  return status;
}
