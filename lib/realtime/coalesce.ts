// Gathers items into batches: a lone item goes out at once (after the current task, so everything
// added in the same task rides along), and items arriving within `windowMs` of a batch wait for the
// rest of that window. A storm becomes one batch per window; a quiet moment costs no delay.
export interface Coalescer<T> {
  add(item: T): void;
  cancel(): void;
}

export function coalesce<T>(windowMs: number, keyOf: (item: T) => string, flush: (items: T[]) => void, now: () => number = () => performance.now()): Coalescer<T> {
  const due = new Map<string, T>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let flushedAt = -Infinity;
  return {
    add(item) {
      due.set(keyOf(item), item);
      timer ??= setTimeout(
        () => {
          timer = undefined;
          flushedAt = now();
          const items = [...due.values()];
          due.clear();
          flush(items);
        },
        Math.max(0, flushedAt + windowMs - now()),
      );
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      due.clear();
    },
  };
}
