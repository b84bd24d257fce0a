// The syncs that follow acknowledged webhooks, a few at a time. A storm of webhooks is answered as
// fast as Countersign can record the deliveries; the syncs behind the answers wait here instead of
// all running at once. Unbounded, hundreds of syncs interleaved with every new answer: on PGlite,
// which runs in the server's own thread, answers waited seconds and idle keep-alive sockets were
// closed under waiting requests (bench/server.ts, issue 10). Past the queue's bound a delivery is
// left to the worker's inbox pass (drainWebhookInbox): it is recorded, so nothing is lost.
export interface FollowUpQueue {
  /** Queues the work; false when the queue is full (the caller leaves it to the worker). */
  offer(work: () => Promise<void>): boolean;
  /** Running and waiting. */
  size(): { running: number; waiting: number };
  /** Resolves once nothing runs or waits. */
  idle(): Promise<void>;
}

export function createFollowUpQueue({ concurrency, limit }: { concurrency: number; limit: number }): FollowUpQueue {
  const waiting: (() => Promise<void>)[] = [];
  let running = 0;
  let onIdle: (() => void)[] = [];
  const next = () => {
    while (running < concurrency && waiting.length > 0) {
      const work = waiting.shift()!;
      running += 1;
      // The work reports its own failures; the queue only keeps going.
      void work()
        .catch(() => undefined)
        .finally(() => {
          running -= 1;
          next();
        });
    }
    if (running === 0 && waiting.length === 0) {
      const resolve = onIdle;
      onIdle = [];
      for (const r of resolve) r();
    }
  };
  return {
    offer(work) {
      if (waiting.length >= limit) return false;
      waiting.push(work);
      next();
      return true;
    },
    size: () => ({ running, waiting: waiting.length }),
    idle: () => (running === 0 && waiting.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => onIdle.push(resolve))),
  };
}

type Global = { __countersignWebhookFollowUps?: FollowUpQueue };
const g = globalThis as Global;

/** This process's queue of webhook syncs (one per process, however often Next bundles this module). */
export function webhookFollowUps(): FollowUpQueue {
  return (g.__countersignWebhookFollowUps ??= createFollowUpQueue({ concurrency: 4, limit: 1_000 }));
}
