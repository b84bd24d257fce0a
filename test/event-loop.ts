// Counts turns of the event loop (one per setImmediate) while a test runs: code that holds the loop
// (a chain of microtasks) reads the same count throughout.
export function countTurns(): { turns(): number; stop(): void } {
  let turns = 0;
  let spinning = true;
  const spin = () => {
    if (!spinning) return;
    turns += 1;
    setImmediate(spin);
  };
  setImmediate(spin);
  return { turns: () => turns, stop: () => (spinning = false) };
}
