// Signed MultiMail webhooks sent over real HTTP at a fixed concurrency (a keep-alive pool of that
// many sockets), the way MultiMail's deliveries arrive: every handler under comparison gets the
// same bodies, shape and concurrency, and is timed by the same client (load.ts, its own process).
// Non-2xx answers are counted in `statuses`; throughput counts every answer, so check them.
import { request, Agent } from "node:http";
import path from "node:path";
import { signWebhookBody } from "@/lib/multimail/signature";
import { runChild } from "./child";
import { treeCpuSeconds, waitForQuiet } from "./processes";
import { msSince, summarize, type Summary } from "./stats";

export interface LoadInput {
  url: string;
  /** GET sends plain requests to `url` (a floor to compare with: the same server doing almost nothing). */
  method?: "POST" | "GET";
  secret: string;
  /** Requests timed, after `warmup` untimed ones. */
  requests: number;
  warmup: number;
  concurrency: number;
  /** Makes every body of this run unique (a body's digest is its delivery id). */
  prefix: string;
  mailboxId: string;
  /** The event type sent (default oversight.pending). */
  event?: string;
  /** Email ids to name, in order (real held emails); otherwise made-up ids. */
  emailIds?: string[];
  /** The server's process, whose CPU time over the timed requests is reported (with `tree`, its descendants too). */
  cpu?: { pid: number; tree: boolean };
  /** After the phase, wait until this process tree is quiet (its work after the responses is done) and report how long that took. */
  quietPid?: number;
}

export interface LoadResult {
  requests: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  latency: Summary;
  /** HTTP status, or the error code of a request that got no answer. */
  statuses: Record<string, number>;
  /** CPU milliseconds the server process used per timed request, until it was quiet if it is `quietPid` (a figure other load on the machine moves little). */
  cpuMsPerRequest?: number;
  /** Milliseconds until `quietPid` was quiet after the last answer (null: it never was); absent without quietPid. */
  drainMs?: number | null;
}

export function webhookBody(emailId: string, mailboxId: string, event = "oversight.pending"): string {
  return JSON.stringify({ event, timestamp: new Date().toISOString(), data: { email_id: emailId, mailbox_id: mailboxId } });
}

function send(agent: Agent, url: URL, body: string | null, signature: string): Promise<number | string> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      body === null
        ? { method: "GET", agent }
        : { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-multimail-signature": signature } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body ?? undefined);
  });
}

export async function runWebhookLoad(input: LoadInput): Promise<LoadResult> {
  const url = new URL(input.url);
  const agent = new Agent({ keepAlive: true, maxSockets: input.concurrency });
  const total = input.warmup + input.requests;
  // Signed before the clock starts: the client's own work is not the server's.
  const bodies = Array.from({ length: total }, (_, i) => {
    if (input.method === "GET") return { body: null, signature: "" };
    const body = webhookBody(input.emailIds?.[i] ?? `${input.prefix}${String(i).padStart(7, "0")}`, input.mailboxId, input.event);
    return { body, signature: signWebhookBody(body, input.secret) };
  });
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const phase = async (from: number, to: number, timed: boolean) => {
    let next = from;
    const lane = async () => {
      while (next < to) {
        const { body, signature } = bodies[next++]!;
        const started = process.hrtime.bigint();
        const status = await send(agent, url, body, signature).catch((error: NodeJS.ErrnoException) => error.code ?? "error");
        if (!timed) continue;
        latencies.push(msSince(started));
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: input.concurrency }, lane));
  };
  await phase(0, input.warmup, false);
  const cpuBefore = input.cpu ? treeCpuSeconds(input.cpu.pid, input.cpu.tree) : 0;
  const started = process.hrtime.bigint();
  await phase(input.warmup, total, true);
  const seconds = msSince(started) / 1000;
  agent.destroy();
  const cpuUsed = () => (input.cpu ? ((treeCpuSeconds(input.cpu.pid, input.cpu.tree) - cpuBefore) * 1000) / input.requests : undefined);
  // The server that does work after answering is counted until it is quiet again; any other at once.
  let cpuMsPerRequest = input.cpu && input.cpu.pid !== input.quietPid ? cpuUsed() : undefined;
  const drainMs = input.quietPid ? await waitForQuiet(input.quietPid) : undefined;
  cpuMsPerRequest ??= cpuUsed();
  return {
    requests: input.requests,
    concurrency: input.concurrency,
    seconds,
    perSecond: input.requests / seconds,
    latency: summarize(latencies),
    statuses,
    ...(cpuMsPerRequest !== undefined ? { cpuMsPerRequest } : {}),
    ...(drainMs !== undefined ? { drainMs } : {}),
  };
}

/** The phases, run back to back by one load client in its own process (bench/load.ts); results in the same order. */
export function runLoad(phases: LoadInput[]): Promise<LoadResult[]> {
  return runChild<LoadResult[]>(path.join("bench", "load.ts"), { phases }, { timeoutMs: 900_000 });
}
