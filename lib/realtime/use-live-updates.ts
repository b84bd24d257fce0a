"use client";
// Listens to /api/events and invalidates the queries a change touches; no second store.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { reviewKeys } from "@/lib/review/queries";
import { changeEventSchema } from "./events-schema";

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
      if (event.data.itemId) void queryClient.invalidateQueries({ queryKey: reviewKeys.item(event.data.itemId) });
    };
    return () => source.close();
  }, [queryClient]);
  return status;
}
