// Memory back near idle after a burst: the rule, the collector a server without --expose-gc gets, and
// a heap that held a burst's garbage shrinking once the loop is quiet.
import { getHeapStatistics } from "node:v8";
import { afterEach, describe, expect, it } from "vitest";
import { RELEASE_RULE, collector, shouldRelease, startMemoryRelease } from "./release-memory";

const MB = 2 ** 20;

describe("releasing memory after a load", () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it("collects only when the loop was quiet and the heap grew past the rule", () => {
    const baseline = 60 * MB;
    expect(shouldRelease({ utilization: 0.01, heapUsed: baseline + RELEASE_RULE.growthBytes + 1, baseline })).toBe(true);
    // Busy: a collection would pause requests in flight.
    expect(shouldRelease({ utilization: 0.5, heapUsed: baseline + 200 * MB, baseline })).toBe(false);
    // Quiet, but nothing much to free.
    expect(shouldRelease({ utilization: 0, heapUsed: baseline + RELEASE_RULE.growthBytes - 1, baseline })).toBe(false);
  });

  it("gets V8's collector in a process started without --expose-gc", () => {
    expect(process.execArgv.join(" ")).not.toContain("expose-gc");
    const gc = collector();
    expect(typeof gc).toBe("function");
    expect(() => gc!()).not.toThrow();
    // The flag was for that one context: the process's own global stays as it was.
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });

  it("frees a burst's garbage once the loop is quiet", async () => {
    stop = startMemoryRelease(100, { quietUtilization: 0.5, growthBytes: 16 * MB });
    const before = getHeapStatistics().used_heap_size;
    // Garbage that lived long enough to be promoted, as a burst's request objects do.
    let burst: string[][] | null = Array.from({ length: 60 }, (_, i) => Array.from({ length: 20_000 }, (_, j) => `item ${i}:${j}`));
    await new Promise((r) => setTimeout(r, 20));
    expect(getHeapStatistics().used_heap_size - before).toBeGreaterThan(32 * MB);
    burst = null;
    const deadline = Date.now() + 5_000;
    while (getHeapStatistics().used_heap_size - before > 16 * MB && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(burst).toBeNull();
    expect(getHeapStatistics().used_heap_size - before).toBeLessThanOrEqual(16 * MB);
  });
});
