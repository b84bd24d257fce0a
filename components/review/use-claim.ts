"use client";
// Keeps this reviewer's claim on an open held email: claim on open, heartbeat while the person is
// active, release on leave. Idle for a few minutes, the heartbeat stops and the claim lapses.
import { useCallback, useEffect, useRef, useState } from "react";
import { unwrapAction } from "@/lib/http/action-result";
import { claimEmailAction } from "@/lib/review/actions";

const HEARTBEAT_MS = 30_000;
const IDLE_MS = 5 * 60_000;

export type ClaimState = { status: "idle" } | { status: "mine" } | { status: "other"; holder: string; since: string } | { status: "error"; message: string };

export function useClaim(itemId: string, enabled: boolean) {
  const [state, setState] = useState<ClaimState>({ status: "idle" });
  const lastActive = useRef(0);

  const claim = useCallback(
    async (takeOver = false) => {
      try {
        const result = await unwrapAction(claimEmailAction({ itemId, takeOver }));
        setState(result.status === "claimed" ? { status: "mine" } : { status: "other", holder: result.holder ?? "Someone", since: result.since ?? "" });
      } catch (error) {
        setState({ status: "error", message: error instanceof Error ? error.message : "Could not claim this email." });
      }
    },
    [itemId],
  );

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
    return () => {
      clearInterval(beat);
      events.forEach((e) => window.removeEventListener(e, active));
      window.removeEventListener("pagehide", release);
      release();
    };
  }, [enabled, itemId, claim]);

  return { state, takeOver: () => claim(true) };
}
