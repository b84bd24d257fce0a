// The last two minutes of change events, kept per process, so a dashboard that has just loaded can
// ask what changed between its server render and its live connection opening, instead of
// refetching everything the server had just rendered.
import type { ChangeEvent } from "./events-schema";
import { subscribeChanges } from "./events";

const KEEP_MS = 120_000;
const MAX_EVENTS = 5_000;
/** Render and lookup may run on instances whose clocks differ a little: look back this much further. */
const SKEW_MS = 2_000;

export class RecentChanges {
  private events: { at: number; event: ChangeEvent }[] = [];

  /** `complete`: since when every event was seen (the LISTEN was up). */
  constructor(
    private complete: number,
    private readonly limits = { keepMs: KEEP_MS, maxEvents: MAX_EVENTS },
  ) {}

  record(event: ChangeEvent, at: number): void {
    this.events.push({ at, event });
    // Forget what is too old, or too much: from then on, nothing before the oldest kept is complete.
    let drop = 0;
    while (drop < this.events.length && (this.events[drop]!.at < at - this.limits.keepMs || this.events.length - drop > this.limits.maxEvents)) drop++;
    if (drop > 0) {
      this.complete = this.events[drop - 1]!.at + 1;
      this.events.splice(0, drop);
    }
  }

  /** The events since a server time (ms); `complete: false` when this process cannot tell. */
  since(since: number, now: number): { complete: boolean; events: ChangeEvent[] } {
    const from = since - SKEW_MS;
    if (from < this.complete || from < now - this.limits.keepMs) return { complete: false, events: [] };
    return { complete: true, events: this.events.filter((e) => e.at >= from).map((e) => e.event) };
  }
}

type Global = { __countersignRecent?: RecentChanges; __countersignRecentReady?: Promise<void> };
const g = globalThis as Global;

/** Starts keeping recent events (once per process); resolves when they are being kept. */
export async function keepRecentChanges(): Promise<void> {
  g.__countersignRecentReady ??= subscribeChanges((event) => g.__countersignRecent?.record(event, Date.now())).then(
    () => {
      g.__countersignRecent = new RecentChanges(Date.now());
    },
    (error: unknown) => {
      g.__countersignRecentReady = undefined;
      throw error;
    },
  );
  await g.__countersignRecentReady;
}

/**
 * What changed since a server time (ms). `complete: false` when this process cannot tell (it started
 * listening later, or forgot that far back): the caller then refetches everything.
 */
export function changesSince(since: number, now = Date.now()): { complete: boolean; events: ChangeEvent[] } {
  return g.__countersignRecent?.since(since, now) ?? { complete: false, events: [] };
}

/** The server's clock for a render, the `since` a page's live connection will ask from. */
export function renderedNow(): number {
  return Date.now();
}
