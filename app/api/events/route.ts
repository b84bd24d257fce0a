// GET /api/events – Server-Sent Events telling open dashboards which items changed.
import { subscribeChanges } from "@/lib/realtime/events";
import { route } from "@/lib/http/route";
import { metrics } from "@/lib/metrics/metrics";

export const dynamic = "force-dynamic";

export const GET = route("events", { access: "viewer" }, async (request) => {
  const encoder = new TextEncoder();
  let unsubscribe: (() => void) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  // Counted once open, uncounted once on whichever end comes first (abort, cancel or a failed write).
  let counted = false;
  const uncount = () => {
    if (counted) metrics().sseConnections.dec();
    counted = false;
  };
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe?.();
        uncount();
      };
      unsubscribe = await subscribeChanges((event) => send(`data: ${JSON.stringify(event)}\n\n`));
      metrics().sseConnections.inc();
      counted = true;
      heartbeat = setInterval(() => send(`: keep-alive\n\n`), 20_000);
      send(`retry: 3000\n\n`);
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      });
    },
    cancel() {
      clearInterval(heartbeat);
      unsubscribe?.();
      uncount();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive" },
  });
});
