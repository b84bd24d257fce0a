// Memory back near idle after a burst. What a burst allocates (a storm of webhooks, a bulk decision,
// a big export) outlives its requests long enough to be promoted to V8's old generation, and V8
// collects that only when it next needs room: on a server that then goes quiet, minutes later or
// never, so the process sat at ~3.8× its idle RSS 30 s after a webhook load (issue 10). Every few
// seconds this looks at the event loop and the heap; when the loop was quiet for a whole interval and
// the heap holds much more than the last full collection left, it collects once. A quiet loop means
// no request waits on the pause (138 ms measured for a 212 MB heap on a busy 2-core machine).
import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { logger } from "@/lib/logger";

const MB = 2 ** 20;

export interface ReleaseRule {
  /** Busy share of the event loop over the last interval at or under which the process counts as quiet. */
  quietUtilization: number;
  /** Heap growth since the last full collection that is worth a collection. */
  growthBytes: number;
}

export const RELEASE_RULE: ReleaseRule = { quietUtilization: 0.05, growthBytes: 32 * MB };

/** Whether to collect now: quiet for the whole interval, and the heap grew by more than the rule's growth since the last collection. */
export function shouldRelease(sample: { utilization: number; heapUsed: number; baseline: number }, rule: ReleaseRule = RELEASE_RULE): boolean {
  return sample.utilization <= rule.quietUtilization && sample.heapUsed - sample.baseline > rule.growthBytes;
}

/**
 * V8's collector as a function. Node exposes it only under --expose-gc, a flag `next start` and the
 * standalone server.js are not run with; set before a new context is made, the flag gives that
 * context a `gc` (v8.setFlagsFromString's documented use). Null where the runtime refuses.
 */
export function collector(): (() => void) | null {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === "function") return existing;
  try {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as unknown;
    setFlagsFromString("--no-expose-gc");
    return typeof gc === "function" ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

/** One full collection that also compacts: a plain one frees objects but keeps the half-empty pages they sat on. */
function compacting(gc: () => void): void {
  try {
    setFlagsFromString("--compact-on-every-full-gc");
    gc();
  } finally {
    setFlagsFromString("--no-compact-on-every-full-gc");
  }
}

/** Starts the watcher (once per process); returns a stop function. */
export function startMemoryRelease(intervalMs = 5_000, rule: ReleaseRule = RELEASE_RULE): () => void {
  const gc = collector();
  if (!gc) {
    logger.warn("this runtime gives no access to the garbage collector: memory after a load returns only when V8 next collects");
    return () => undefined;
  }
  let baseline = getHeapStatistics().used_heap_size;
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, last);
    last = now;
    const heapUsed = getHeapStatistics().used_heap_size;
    // A heap that shrank on its own (V8 collected) is the new baseline.
    if (heapUsed < baseline) baseline = heapUsed;
    if (!shouldRelease({ utilization, heapUsed, baseline }, rule)) return;
    const began = performance.now();
    compacting(gc);
    baseline = getHeapStatistics().used_heap_size;
    logger.debug({ beforeMb: Math.round(heapUsed / MB), afterMb: Math.round(baseline / MB), ms: Math.round(performance.now() - began) }, "released memory after a load");
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
