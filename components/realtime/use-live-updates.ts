"use client";
// Listens to /api/events and invalidates the queries a change touches; no second store.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { contactKeys, inboxKeys } from "@/lib/inbox/queries";
import { voiceKeys } from "@/lib/livekit/queries";
import { reviewKeys } from "@/lib/review/queries";
import type { ChangeEvent } from "@/lib/realtime/events-schema";

export function useLiveUpdates(): "live" | "connecting" | "offline" {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<"live" | "connecting" | "offline">("connecting");
  useEffect(() => {
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
      void queryClient.invalidateQueries({ queryKey: reviewKeys.queues() });
      if (event.itemId) {
        void queryClient.invalidateQueries({ queryKey: reviewKeys.item(event.itemId) });
        void queryClient.invalidateQueries({ queryKey: voiceKeys.evidence(event.itemId) });
      }
      if (event.roomSid) void queryClient.invalidateQueries({ queryKey: voiceKeys.session(event.roomSid) });
      if (event.type === "inbox.updated") {
        // New or changed mail: mailbox counts, the open list and thread, contacts, and stale flags on open review pages.
        void queryClient.invalidateQueries({ queryKey: inboxKeys.mailboxes() });
        void queryClient.invalidateQueries({ queryKey: contactKeys.all });
        void queryClient.invalidateQueries({ queryKey: reviewKeys.items() });
        if (event.mailboxId) {
          void queryClient.invalidateQueries({ queryKey: inboxKeys.emailLists(event.mailboxId) });
          if (event.threadId) void queryClient.invalidateQueries({ queryKey: inboxKeys.thread(event.mailboxId, event.threadId) });
          else void queryClient.invalidateQueries({ queryKey: inboxKeys.threads(event.mailboxId) });
        }
      } else if (event.itemId || event.roomSid) {
        // A decision or a call changes held mail in threads and timelines.
        void queryClient.invalidateQueries({ queryKey: contactKeys.all });
      }
    };
    return () => source.close();
  }, [queryClient]);
  return status;
}
