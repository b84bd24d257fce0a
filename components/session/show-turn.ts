// Follows a link to a transcript turn: the `#turn-…` fragment already highlights it (:target);
// this also unfolds a folded tool call, centres the turn and moves focus there for screen readers.
export function showTurn(anchorId: string): void {
  requestAnimationFrame(() => {
    const turn = document.getElementById(anchorId);
    if (!turn) return;
    turn.querySelectorAll("details").forEach((d) => (d.open = true));
    turn.scrollIntoView({ block: "center", behavior: "smooth" });
    turn.focus({ preventScroll: true });
  });
}
