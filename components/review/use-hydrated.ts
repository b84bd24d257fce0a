"use client";
// False on the server and while the page hydrates, true after: state read from a query that may
// resolve between the server's render and hydration (a streamed one) waits for it, so the browser's
// first render matches the server's HTML.
import { useSyncExternalStore } from "react";

const noop = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}
