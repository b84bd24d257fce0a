"use client";
// Listens to /api/events and invalidates the queries a change touches; no second store.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { contactKeys, inboxKeys } from "@/lib/inbox/queries";
import { voiceKeys } from "@/lib/livekit/queries";
import { reviewKeys } from "@/lib/review/queries";
import { changeEventSchema } from "@/lib/realtime/events-schema";

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
      let data: unknown;
      try {
        data = JSON.parse(message.data as string);
      } catch {
        return;
      }
      const event = changeEventSchema.safeParse(data);
      if (!event.success) return;
      void queryClient.invalidateQueries({ queryKey: reviewKeys.queues() });
      if (event.data.itemId) {
        void queryClient.invalidateQueries({ queryKey: reviewKeys.item(event.data.itemId) });
        void queryClient.invalidateQueries({ queryKey: voiceKeys.evidence(event.data.itemId) });
      }
      if (event.data.roomSid) void queryClient.invalidateQueries({ queryKey: voiceKeys.session(event.data.roomSid) });
      if (event.data.type === "inbox.updated") {
        // New or changed mail: mailbox counts, the open list and thread, contacts, and stale flags on open review pages.
        void queryClient.invalidateQueries({ queryKey: inboxKeys.mailboxes() });
        void queryClient.invalidateQueries({ queryKey: contactKeys.all });
        void queryClient.invalidateQueries({ queryKey: reviewKeys.items() });
        if (event.data.mailboxId) {
          void queryClient.invalidateQueries({ queryKey: inboxKeys.emailLists(event.data.mailboxId) });
          if (event.data.threadId) void queryClient.invalidateQueries({ queryKey: inboxKeys.thread(event.data.mailboxId, event.data.threadId) });
          else void queryClient.invalidateQueries({ queryKey: inboxKeys.threads(event.data.mailboxId) });
        }
      } else if (event.data.itemId || event.data.roomSid) {
        // A decision or a call changes held mail in threads and timelines.
        void queryClient.invalidateQueries({ queryKey: contactKeys.all });
      }
    };
    return () => source.close();
  }, [queryClient]);
  return status;
}
