import { describe, expect, it } from "vitest";
import { createFollowUpQueue } from "./follow-up-queue";

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe("createFollowUpQueue", () => {
  it("runs at most `concurrency` at once, in the order offered, and refuses past its limit", async () => {
    const queue = createFollowUpQueue({ concurrency: 2, limit: 3 });
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const work = (n: number) => async () => {
      active += 1;
      peak = Math.max(peak, active);
      order.push(n);
      await tick();
      active -= 1;
    };
    // Two start at once; three wait; the sixth finds the queue full.
    const offered = [1, 2, 3, 4, 5, 6].map((n) => queue.offer(work(n)));
    expect(offered).toEqual([true, true, true, true, true, false]);
    expect(queue.size()).toEqual({ running: 2, waiting: 3 });
    await queue.idle();
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(queue.size()).toEqual({ running: 0, waiting: 0 });
  });

  it("keeps going after a failure", async () => {
    const queue = createFollowUpQueue({ concurrency: 1, limit: 10 });
    const done: string[] = [];
    queue.offer(async () => {
      throw new Error("sync failed");
    });
    queue.offer(async () => {
      done.push("second");
    });
    await queue.idle();
    expect(done).toEqual(["second"]);
  });
});
