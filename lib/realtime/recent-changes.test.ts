import { describe, expect, it } from "vitest";
import { RecentChanges } from "./recent-changes";

const t0 = 1_800_000_000_000;
const event = (itemId: string) => ({ type: "item.updated" as const, itemId });

describe("recent changes", () => {
  it("answers what changed since a render, a little further back for clock skew", () => {
    const recent = new RecentChanges(t0);
    recent.record(event("a"), t0 + 1_000);
    recent.record(event("b"), t0 + 10_000);
    recent.record(event("c"), t0 + 20_000);
    expect(recent.since(t0 + 15_000, t0 + 21_000)).toEqual({ complete: true, events: [event("c")] });
    expect(recent.since(t0 + 11_000, t0 + 21_000)).toEqual({ complete: true, events: [event("b"), event("c")] });
    expect(recent.since(t0 + 30_000, t0 + 31_000)).toEqual({ complete: true, events: [] });
  });

  it("cannot tell about a time before it listened, or one it has forgotten", () => {
    const recent = new RecentChanges(t0, { keepMs: 60_000, maxEvents: 2 });
    expect(recent.since(t0 - 10_000, t0 + 1_000).complete).toBe(false);
    recent.record(event("a"), t0 + 5_000);
    recent.record(event("b"), t0 + 6_000);
    recent.record(event("c"), t0 + 7_000);
    // "a" was dropped to keep two: a render before it cannot be answered any more.
    expect(recent.since(t0 + 5_000, t0 + 8_000).complete).toBe(false);
    expect(recent.since(t0 + 8_000, t0 + 8_500)).toEqual({ complete: true, events: [event("b"), event("c")] });
    // Too long ago.
    expect(recent.since(t0 + 8_000, t0 + 200_000).complete).toBe(false);
  });
});
