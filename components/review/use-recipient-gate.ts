"use client";
// The recipient gate of the review page: when the evidence says the recipient does not match the
// caller (or cannot be checked), Approve stays disabled until the reviewer ticks the confirmation.
// A confirmation holds for one email and recipient list; a new version of the draft asks again.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { itemEvidenceQuery } from "@/lib/livekit/queries";
import { useHydrated } from "./use-hydrated";

export interface RecipientGate {
  /** The checks flagged the recipient, or could not be loaded. */
  needsConfirmation: boolean;
  confirmed: boolean;
  setConfirmed: (value: boolean) => void;
  /** Approve must wait. */
  blocked: boolean;
}

export function useRecipientGate(itemId: string, emailId: string | undefined): RecipientGate {
  // The checks stream in: until the page has hydrated, read them as the server's render did (not yet).
  const hydrated = useHydrated();
  const query = useQuery(itemEvidenceQuery(itemId));
  const data = hydrated ? (query.data ?? undefined) : undefined;
  const isError = hydrated && query.isError;
  const [confirmedFor, setConfirmedFor] = useState<string | null>(null);
  const current = data && data.emailId === emailId ? data : undefined;
  const recipients =
    current?.report.findings
      .filter((f) => f.kind === "recipient")
      .map((f) => f.text)
      .join(",") ?? "";
  const key = `${emailId ?? ""}|${recipients}`;
  // Until the checks load (they are prefetched with the page) or when they fail, ask rather than assume.
  const needsConfirmation = current ? current.needsRecipientConfirmation : isError || data !== undefined;
  const confirmed = confirmedFor === key;
  return {
    needsConfirmation,
    confirmed,
    setConfirmed: (value) => setConfirmedFor(value ? key : null),
    blocked: (data === undefined && !isError) || (needsConfirmation && !confirmed),
  };
}
