"use client";
// The stale gate of the review page: when the contact wrote in or called again after the draft was
// written, Approve waits until the reviewer acknowledges it. An acknowledgement holds for one email
// and what was newer at the time; anything newer still asks again.
import { useState } from "react";
import type { QueueInbox } from "@/lib/inbox/schemas";

export interface StaleGate {
  stale: NonNullable<QueueInbox["stale"]> | null;
  acknowledged: boolean;
  setAcknowledged: (value: boolean) => void;
  blocked: boolean;
}

export function useStaleGate(stale: QueueInbox["stale"] | undefined, emailId: string | undefined): StaleGate {
  const [acknowledgedFor, setAcknowledgedFor] = useState<string | null>(null);
  const key = stale ? `${emailId ?? ""}|${stale.newer.map((n) => (n.kind === "reply" ? n.emailId : n.roomSid)).join(",")}` : "";
  const acknowledged = stale ? acknowledgedFor === key : false;
  return {
    stale: stale ?? null,
    acknowledged,
    setAcknowledged: (value) => setAcknowledgedFor(value ? key : null),
    blocked: Boolean(stale) && !acknowledged,
  };
}
