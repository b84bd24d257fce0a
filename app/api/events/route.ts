// GET /api/events – Server-Sent Events telling open dashboards which items changed.
import { subscribeChanges } from "@/lib/realtime/events";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route("events", { access: "viewer" }, async (request) => {
  const encoder = new TextEncoder();
  let unsubscribe: (() => void) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
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
      };
      unsubscribe = await subscribeChanges((event) => send(`data: ${JSON.stringify(event)}\n\n`));
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
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive" },
  });
});
