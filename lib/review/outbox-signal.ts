// Lets a decision ask the background outbox to run now instead of at its next tick. lib/worker.ts
// registers the runner; without a worker (tests, scripts) a kick does nothing.
type Global = { __countersignOutboxKick?: () => void };
const g = globalThis as Global;

export function onOutboxKick(run: () => void): void {
  g.__countersignOutboxKick = run;
}

export function kickOutbox(): void {
  g.__countersignOutboxKick?.();
}

/** Kicks the outbox when a decision's undo grace period is over, so it goes out then, not a tick later. */
export function kickOutboxAt(when: Date): void {
  const timer = setTimeout(kickOutbox, Math.max(0, when.getTime() - Date.now()) + 50);
  timer.unref?.();
}
