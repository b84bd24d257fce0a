"use client";
// Keeps this reviewer's claim on an open held email: claim on open, heartbeat while the person is
// active, release on leave. Idle for a few minutes, the heartbeat stops and the claim lapses.
// A claim change is pushed as `item.updated` (lib/review/claim-email.ts), which invalidates and
// refetches the item's query (use-live-updates.ts): whenever that query is invalidated or refetched,
// the heartbeat runs at once too, so a take-over shows on the losing page without waiting for a beat.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { unwrapAction } from "@/lib/http/action-result";
import { claimEmailAction } from "@/lib/review/actions";
import { reviewKeys } from "@/lib/review/queries";
import { notifyClaimTakenOver } from "@/components/notifications/notify";

const HEARTBEAT_MS = 30_000;
const IDLE_MS = 5 * 60_000;

export type ClaimState =
  | { status: "idle" }
  | { status: "mine" }
  /** `tookOver`: this reviewer held the claim and someone took it from them. */
  | { status: "other"; holder: string; since: string; tookOver: boolean }
  | { status: "error"; message: string };

export function useClaim(itemId: string, enabled: boolean) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ClaimState>({ status: "idle" });
  const lastActive = useRef(0);
  // Leaving because this reviewer decided the email: the claim stays until the decision lands (a
  // release racing ahead of it would let someone else's open page claim the email first).
  const keep = useRef(false);
  // Only the latest answer counts: a heartbeat sent before a take-over may answer after it.
  const sequence = useRef(0);

  const claim = useCallback(
    async (takeOver = false) => {
      const mine = ++sequence.current;
      try {
        const result = await unwrapAction(claimEmailAction({ itemId, takeOver }));
        if (mine !== sequence.current) return;
        setState((previous) =>
          result.status === "claimed"
            ? { status: "mine" }
            : {
                status: "other",
                holder: result.holder ?? "Someone",
                since: result.since ?? "",
                tookOver: previous.status === "mine" || (previous.status === "other" && previous.tookOver),
              },
        );
      } catch (error) {
        if (mine !== sequence.current) return;
        setState({ status: "error", message: error instanceof Error ? error.message : "Could not claim this email." });
      }
    },
    [itemId],
  );

  // Someone took this email over from the reviewer: a browser notification too (when turned on), in case this tab is in the background.
  const tookOverFrom = state.status === "other" && state.tookOver ? state.holder : null;
  useEffect(() => {
    if (tookOverFrom) notifyClaimTakenOver({ itemId, holder: tookOverFrom });
  }, [itemId, tookOverFrom]);

  useEffect(() => {
    if (!enabled) return;
    lastActive.current = Date.now();
    // Claiming is a request to the server; its answer sets state asynchronously.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void claim(false);
    const active = () => (lastActive.current = Date.now());
    const events = ["keydown", "pointerdown", "pointermove", "scroll"] as const;
    events.forEach((e) => window.addEventListener(e, active, { passive: true }));
    const beat = setInterval(() => {
      if (Date.now() - lastActive.current < IDLE_MS) void claim(false);
    }, HEARTBEAT_MS);
    const release = () => void fetch(`/api/items/${itemId}/claim`, { method: "DELETE", keepalive: true });
    window.addEventListener("pagehide", release);
    keep.current = false;
    return () => {
      clearInterval(beat);
      events.forEach((e) => window.removeEventListener(e, active));
      window.removeEventListener("pagehide", release);
      if (!keep.current) release();
    };
  }, [enabled, itemId, claim]);

  // Something changed the item (a claim, a take-over, a decision): ask again now. One check at a time,
  // and one more after it when changes kept coming, however many events arrive at once.
  useEffect(() => {
    if (!enabled) return;
    const key = reviewKeys.item(itemId);
    let running = false;
    let again = false;
    let stopped = false;
    const recheck = async () => {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          await claim(false);
        } while (again && !stopped);
      } finally {
        running = false;
      }
    };
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== "updated" || (event.action.type !== "invalidate" && event.action.type !== "fetch")) return;
      if (key.every((part, i) => event.query.queryKey[i] === part)) void recheck();
    });
    return () => {
      // Leaving the page releases the claim: no check may claim it again afterwards.
      stopped = true;
      unsubscribe();
    };
  }, [enabled, itemId, claim, queryClient]);

  return {
    state,
    takeOver: () => claim(true),
    /** Keeps the claim when the page leaves this email: its decision is on the way (useDecide releases it if refused). */
    keepOnLeave: () => {
      keep.current = true;
    },
  };
}
