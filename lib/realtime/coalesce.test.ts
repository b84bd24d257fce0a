// Live updates refetch a lone change at once and a storm once per window.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { coalesce } from "./coalesce";

/** A 50 ms coalescer on the fake clock, and the batches it sent. */
function batcher() {
  const batches: string[][] = [];
  const c = coalesce<string>(
    50,
    (s) => s,
    (items) => batches.push(items),
    () => Date.now(),
  );
  return { batches, c };
}

describe("coalescing change events", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends a lone item after the current task, with whatever the same task added", () => {
    const { batches, c } = batcher();
    c.add("queue");
    c.add("item");
    c.add("queue");
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(batches).toEqual([["queue", "item"]]);
  });

  it("holds items that arrive within the window of a batch until the window ends, as one batch", () => {
    const { batches, c } = batcher();
    c.add("a");
    vi.advanceTimersByTime(0);
    for (let i = 0; i < 10; i += 1) {
      vi.advanceTimersByTime(4);
      c.add(i % 2 ? "b" : "c");
    }
    expect(batches).toHaveLength(1);
    vi.advanceTimersByTime(10);
    expect(batches).toEqual([["a"], ["c", "b"]]);
    // Quiet again: the next one goes at once.
    vi.advanceTimersByTime(100);
    c.add("d");
    vi.advanceTimersByTime(0);
    expect(batches.at(-1)).toEqual(["d"]);
  });

  it("drops what is due when cancelled", () => {
    const { batches, c } = batcher();
    c.add("a");
    c.cancel();
    vi.advanceTimersByTime(100);
    expect(batches).toEqual([]);
  });
});
