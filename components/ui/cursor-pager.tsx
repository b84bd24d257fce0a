"use client";
// Previous/next paging over an opaque cursor (the queue's keyset cursor, MultiMail's list cursor):
// the trail of cursors seen so far is kept so "previous" can go back.
export function CursorPager({
  trail,
  nextCursor,
  onMove,
  previousLabel,
  nextLabel,
}: {
  trail: string[];
  nextCursor: string | null;
  onMove: (trail: string[], cursor: string | undefined) => void;
  previousLabel: string;
  nextLabel: string;
}) {
  if (trail.length === 0 && !nextCursor) return null;
  const button = "rounded border border-line bg-panel px-3 py-1.5 disabled:opacity-40";
  return (
    <nav aria-label="Pages" className="flex justify-between text-sm">
      <button
        className={button}
        disabled={trail.length === 0}
        onClick={() => {
          const previous = trail.slice(0, -1);
          onMove(previous, previous.at(-1));
        }}
      >
        ← {previousLabel}
      </button>
      <button className={button} disabled={!nextCursor} onClick={() => nextCursor && onMove([...trail, nextCursor], nextCursor)}>
        {nextLabel} →
      </button>
    </nav>
  );
}
