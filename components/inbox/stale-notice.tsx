"use client";
// The review page's stale warning: what the contact did after the draft was written, with links,
// and the acknowledgement Approve waits for.
import type { StaleGate } from "./use-stale-gate";
import { NewerLink } from "./newer-link";

export function StaleNotice({ gate, canAcknowledge }: { gate: StaleGate; canAcknowledge: boolean }) {
  const { stale } = gate;
  if (!stale) return null;
  const replied = stale.newer.some((n) => n.kind === "reply");
  const called = stale.newer.some((n) => n.kind === "call");
  const what = replied && called ? "wrote in and called again" : replied ? "wrote in" : "called again";
  return (
    <section aria-labelledby="stale-title" className="rounded-md border border-warn/60 bg-warn/10 p-4 text-sm">
      <h2 id="stale-title" className="font-semibold text-warn">
        Stale draft: the contact {what} after it was written
      </h2>
      <p className="mt-1 text-muted">
        Written{" "}
        <time dateTime={stale.draftedAt} suppressHydrationWarning>
          {new Date(stale.draftedAt).toLocaleString()}
        </time>
        . Read what is newer before you approve; it may change what this email should say.
      </p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {stale.newer.map((n) => (
          <li key={n.kind === "reply" ? n.emailId : n.roomSid}>
            <NewerLink newer={n} />
          </li>
        ))}
      </ul>
      {canAcknowledge ? (
        <label className="mt-3 flex items-start gap-2">
          <input type="checkbox" className="mt-0.5 h-4 w-4 accent-[var(--accent)]" checked={gate.acknowledged} onChange={(e) => gate.setAcknowledged(e.target.checked)} />
          <span>I have seen the newer {replied ? "message" : "call"} and this draft is still right to send</span>
        </label>
      ) : null}
    </section>
  );
}
