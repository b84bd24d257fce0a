"use client";
// A one-shot message carried across a client-side navigation, e.g. "Approved and sent." shown on
// the next email after approve-and-advance.
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

/** Returns the pending message once, then forgets it. */
export function takeFlash(): string | null {
  const message = pending;
  pending = null;
  return message;
}
