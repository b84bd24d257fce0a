"use client";
/**
 * Keyboard shortcuts: one window listener for the whole app, bindings registered by the components
 * that own them, and the person's switch for single-key shortcuts (WCAG 2.1.4).
 *
 * API (small and stable; pages add their keys with useShortcuts and nothing else):
 *
 *   useShortcuts(bindings: Shortcut[])
 *     Registers bindings while the calling component is mounted; the latest bindings of each render
 *     are used, so handlers may close over fresh state. Later-mounted components are asked first.
 *     Shortcut = {
 *       key:   "a", "?", "1" (one character, as KeyboardEvent.key gives it), a named key ("Escape",
 *              "Enter", "ArrowDown"), or "mod+Enter" (Ctrl, or Cmd on a Mac, with the key);
 *       label: what it does, for the `?` dialog ("Approve");
 *       group?: the heading it is listed under in the dialog ("Review");
 *       run:   (event) => void | false; returning false leaves the key to the browser;
 *       when?: false makes the binding inactive for now (default true);
 *       inInputs?: true lets a named or mod+ key fire while typing (Ctrl/Cmd+Enter in an editor);
 *       hidden?: true leaves it out of the dialog (keys that only repeat a listed one).
 *     }
 *   Rules every binding follows:
 *     - no binding fires while typing in a text input, textarea, select or contenteditable, unless
 *       it sets inInputs (one-character keys never do);
 *     - a one-character key never fires with Ctrl, Cmd or Alt held, nor while the person has turned
 *       single-key shortcuts off (their preference, stored per user);
 *     - nothing fires while a modal dialog is open.
 *
 *   useSingleKeyShortcuts(): boolean             the person's setting, live.
 *   setSingleKeyShortcutsLocal(enabled)          updates the setting in this tab (the help dialog saves it).
 *   isTypingTarget(target): boolean              true in text fields, textareas, selects, contenteditable.
 *
 * The `?` help dialog and the setting's first value come from <KeyboardShortcuts singleKeys={…} />
 * (components/keyboard/keyboard-shortcuts.tsx): render it once on a page that has shortcuts.
 */
import { useEffect, useRef, useSyncExternalStore } from "react";

export interface Shortcut {
  key: string;
  label: string;
  group?: string;
  run: (event: KeyboardEvent) => void | false;
  when?: boolean;
  inInputs?: boolean;
  hidden?: boolean;
}

type Entry = { bindings: Shortcut[] };

const entries: Entry[] = [];
let singleKeys = true;
const settingListeners = new Set<() => void>();

const textInputTypes = new Set(["text", "search", "email", "url", "tel", "password", "number", "date", "datetime-local", "month", "time", "week"]);

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && textInputTypes.has(target.type);
}

/** One printable character: what WCAG 2.1.4 calls a character key shortcut. */
const isCharacterKey = (key: string) => [...key].length === 1;

function matches(binding: Shortcut, event: KeyboardEvent): boolean {
  if (binding.key.startsWith("mod+")) return (event.ctrlKey || event.metaKey) && !event.altKey && event.key === binding.key.slice(4);
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  return event.key === binding.key;
}

function onKeyDown(event: KeyboardEvent) {
  if (event.defaultPrevented || event.isComposing) return;
  const target = event.target;
  // A modal dialog has the keyboard to itself (Esc closes it, natively).
  if (document.querySelector("dialog[open]")) return;
  const typing = isTypingTarget(target);
  for (let i = entries.length - 1; i >= 0; i--) {
    for (const binding of entries[i]!.bindings) {
      if (binding.when === false || !matches(binding, event)) continue;
      const character = isCharacterKey(binding.key);
      if (character && !singleKeys) continue;
      if (typing && (character || !binding.inInputs)) continue;
      if (binding.run(event) === false) continue;
      event.preventDefault();
      return;
    }
  }
}

function register(entry: Entry) {
  if (entries.length === 0) window.addEventListener("keydown", onKeyDown);
  entries.push(entry);
  return () => {
    const at = entries.indexOf(entry);
    if (at >= 0) entries.splice(at, 1);
    if (entries.length === 0) window.removeEventListener("keydown", onKeyDown);
  };
}

export function useShortcuts(bindings: Shortcut[]): void {
  const entry = useRef<Entry>({ bindings });
  useEffect(() => {
    entry.current.bindings = bindings;
  });
  useEffect(() => register(entry.current), []);
}

/** Every active, listed binding, latest-mounted last: what the `?` dialog shows. */
export function listedShortcuts(): Shortcut[] {
  const seen = new Set<string>();
  return entries
    .flatMap((e) => e.bindings)
    .filter((b) => b.when !== false && !b.hidden)
    .filter((b) => (seen.has(b.key) ? false : (seen.add(b.key), true)));
}

export function setSingleKeyShortcutsLocal(enabled: boolean): void {
  if (singleKeys === enabled) return;
  singleKeys = enabled;
  for (const listener of settingListeners) listener();
}

export function useSingleKeyShortcuts(): boolean {
  return useSyncExternalStore(
    (listener) => {
      settingListeners.add(listener);
      return () => settingListeners.delete(listener);
    },
    () => singleKeys,
    () => true,
  );
}
