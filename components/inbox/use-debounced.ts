"use client";
// A value that follows another after it has stopped changing for `ms`: typing updates the URL at
// once (shareable, never racing a click that navigates away) while the query waits for a pause.
import { useEffect, useState } from "react";

export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const handle = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(handle);
  }, [value, ms]);
  return settled;
}
