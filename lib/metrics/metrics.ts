// Prometheus metrics of this process (GET /api/metrics). One registry per process, kept on
// globalThis: Next bundles route handlers and instrumentation separately, and every bundle must
// count into the same series. Database figures are read when scraped, from bounded, index-backed
// queries; counters (MultiMail calls, SSE connections) are counted where they happen.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { queueDepth, outboxBacklog, webhookBacklog } from "./database-gauges";

export interface Metrics {
  registry: Registry;
  multimailCalls: Counter<"endpoint" | "status">;
  sseConnections: Gauge;
  decisionLatency: Histogram<"action">;
}

type Global = { __countersignMetrics?: Metrics };
const g = globalThis as Global;

/** A figure the database cannot give now keeps its last value: the scrape still answers, with the process metrics. */
async function safely(name: string, read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (error) {
    logger.warn({ scope: "metrics", metric: name, err: error instanceof Error ? error.message : String(error) }, "metric could not be read");
  }
}

/** Held → decided, in seconds: from a minute to a few days. */
const LATENCY_BUCKETS = [30, 60, 120, 300, 600, 1_800, 3_600, 7_200, 14_400, 43_200, 86_400, 259_200];

function create(): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ app: "countersign" });
  collectDefaultMetrics({ register: registry });

  const multimailCalls = new Counter({
    name: "countersign_multimail_requests_total",
    help: "HTTP requests to the MultiMail API (each attempt), by endpoint template and status (an HTTP status, or timeout / network).",
    labelNames: ["endpoint", "status"] as const,
    registers: [registry],
  });
  const sseConnections = new Gauge({
    name: "countersign_sse_connections",
    help: "Open Server-Sent Events streams (live dashboards) on this instance.",
    registers: [registry],
  });
  const decisionLatency = new Histogram({
    name: "countersign_decision_latency_seconds",
    help: "Time from an email being held to a reviewer's decision, observed by the instance running the metrics job.",
    labelNames: ["action"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  new Gauge({
    name: "countersign_queue_depth",
    help: "Review items by mailbox and state (each count stops at 10000).",
    labelNames: ["mailbox", "state"] as const,
    registers: [registry],
    async collect() {
      await safely("queue_depth", async () => {
        const rows = await queueDepth(await getDb());
        this.reset();
        for (const r of rows) this.set({ mailbox: r.mailbox, state: r.state }, r.count);
      });
    },
  });
  const backlogAttempts = new Gauge({
    name: "countersign_outbox_backlog_attempts",
    help: "Delivery attempts made so far by the undelivered outbox entries.",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  const backlogOldest = new Gauge({
    name: "countersign_outbox_oldest_seconds",
    help: "Age of the oldest undelivered outbox entry (0 when there is none).",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "countersign_outbox_backlog",
    help: "Outbox entries not yet delivered to MultiMail: decisions to deliver and edited drafts to re-send.",
    labelNames: ["kind"] as const,
    registers: [registry],
    async collect() {
      await safely("outbox_backlog", async () => {
        for (const r of await outboxBacklog(await getDb())) {
          this.set({ kind: r.kind }, r.count);
          backlogAttempts.set({ kind: r.kind }, r.attempts);
          backlogOldest.set({ kind: r.kind }, r.oldestSeconds);
        }
      });
    },
  });
  new Gauge({
    name: "countersign_webhook_deliveries",
    help: "Recorded webhook deliveries not yet applied, by source and result (waiting: not tried yet or retrying without an error; failing: the last attempt failed).",
    labelNames: ["source", "result"] as const,
    registers: [registry],
    async collect() {
      await safely("webhook_deliveries", async () => {
        const rows = await webhookBacklog(await getDb());
        this.reset();
        for (const source of ["multimail", "livekit"]) for (const result of ["waiting", "failing"]) this.set({ source, result }, 0);
        for (const r of rows) this.set({ source: r.source, result: r.result }, r.count);
      });
    },
  });
  return { registry, multimailCalls, sseConnections, decisionLatency };
}

export function metrics(): Metrics {
  g.__countersignMetrics ??= create();
  return g.__countersignMetrics;
}

const ID_PARENTS = new Set(["mailboxes", "emails", "threads", "reply", "attachments", "tags", "webhooks", "approve"]);

/** `/v1/mailboxes/01J…/emails/01K…/tags` → `/v1/mailboxes/:id/emails/:id/tags`: ids would explode the label set. */
export function endpointTemplate(pathname: string): string {
  const parts = pathname.split("/");
  return parts.map((part, i) => (i > 0 && ID_PARENTS.has(parts[i - 1]!) && part !== "" ? ":id" : part)).join("/");
}

/** Wraps a fetch so each request to MultiMail is counted by endpoint template and outcome. */
export function countedFetch(fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const endpoint = `${(init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase()} ${endpointTemplate(url.pathname)}`;
    try {
      const response = await fetchImpl(input, init);
      metrics().multimailCalls.inc({ endpoint, status: String(response.status) });
      return response;
    } catch (error) {
      const name = error instanceof Error ? error.name : "";
      metrics().multimailCalls.inc({ endpoint, status: name === "TimeoutError" || name === "AbortError" ? "timeout" : "network" });
      throw error;
    }
  };
}
