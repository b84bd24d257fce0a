"use client";
// A key chip beside a button ("Approve a"): shown only while single-key shortcuts are on, and not
// on phone-sized screens, where a keyboard is rare and the room is better spent on the label.
import { useSingleKeyShortcuts } from "./shortcuts";

export function KeyHint({ children, always = false }: { children: React.ReactNode; always?: boolean }) {
  const singleKeys = useSingleKeyShortcuts();
  if (!singleKeys && !always) return null;
  // Buttons carry their keys in aria-keyshortcuts; the chip is for the eye.
  return (
    <kbd aria-hidden="true" className="hidden rounded border border-line bg-bg px-1 font-mono text-[0.7rem] text-muted sm:inline">
      {children}
    </kbd>
  );
}
