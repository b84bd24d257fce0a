"use client";
// Pages read the dashboard's one live-updates subscription (live-updates-provider.tsx) through this
// hook: it opens nothing itself.
import { useLiveStatus, type LiveStatus } from "./live-updates-provider";

export function useLiveUpdates(): LiveStatus {
  return useLiveStatus();
}
