"use client";
// The `?` dialog: every shortcut of the page, listed from the bindings components registered
// (shortcuts.ts), and the person's switch for single-key shortcuts, saved to their account.
// Render once per page with the setting read on the server: <KeyboardShortcuts singleKeys={…} />.
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { unwrapAction } from "@/lib/http/action-result";
import { setSingleKeyShortcutsAction } from "@/lib/preferences/actions";
import { listedShortcuts, setSingleKeyShortcutsLocal, useShortcuts, useSingleKeyShortcuts, type Shortcut } from "./shortcuts";

const keyNames: Record<string, string> = { "mod+Enter": "Ctrl/⌘ Enter", Escape: "Esc", ArrowDown: "↓", ArrowUp: "↑" };

/** A key in the list: always shown, at every width (the list is about keys). */
function Key({ children }: { children: React.ReactNode }) {
  return <kbd className="rounded border border-line bg-bg px-1 font-mono text-[0.7rem] text-muted">{children}</kbd>;
}

/** `singleKeys`: the person's stored setting, or null while it is still on its way (nothing changes then). */
export function KeyboardShortcuts({ singleKeys }: { singleKeys: boolean | null }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [listed, setListed] = useState<Shortcut[]>([]);
  const enabled = useSingleKeyShortcuts();
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    if (singleKeys !== null) setSingleKeyShortcutsLocal(singleKeys);
  }, [singleKeys]);

  const open = () => {
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setListed(listedShortcuts());
    setStatus(null);
    dialog.current?.showModal();
  };

  useShortcuts([{ key: "?", label: "Show keyboard shortcuts", group: "Anywhere", run: open }]);

  const toggle = async (next: boolean) => {
    setSaving(true);
    // The switch moves at once; a refused save puts it back.
    setSingleKeyShortcutsLocal(next);
    try {
      await unwrapAction(setSingleKeyShortcutsAction({ enabled: next }));
      setStatus({
        text: next ? "Single-key shortcuts are on." : "Single-key shortcuts are off. Ctrl/⌘ Enter and Esc still work; use the buttons for the rest.",
        error: false,
      });
    } catch (error) {
      setSingleKeyShortcutsLocal(!next);
      setStatus({ text: `Not saved: ${(error as Error).message}`, error: true });
    } finally {
      setSaving(false);
    }
  };

  const groups = [...new Set(listed.map((s) => s.group ?? "This page"))];

  return (
    <>
      {/* Phones rarely have a keyboard: the button hides there, `?` still opens the list. */}
      <span className="hidden sm:inline">
        <Button size="sm" variant="ghost" onClick={open} aria-haspopup="dialog" title="Keyboard shortcuts (?)">
          Shortcuts {enabled ? <Key>?</Key> : null}
        </Button>
      </span>
      <dialog
        ref={dialog}
        aria-labelledby="shortcuts-title"
        className="m-auto max-h-[calc(100vh-2rem)] w-[min(32rem,calc(100vw-2rem))] overflow-y-auto rounded-md border border-line bg-panel p-0 text-fg shadow-xl backdrop:bg-black/40"
        onClose={() => returnTo.current?.focus()}
      >
        <div className="space-y-4 p-4">
          <div className="flex items-start justify-between gap-3">
            <h2 id="shortcuts-title" className="text-base font-semibold">
              Keyboard shortcuts
            </h2>
            <Button size="sm" variant="ghost" onClick={() => dialog.current?.close()}>
              Close <Key>Esc</Key>
            </Button>
          </div>
          {groups.map((group) => (
            <section key={group} aria-label={group}>
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">{group}</h3>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                {listed
                  .filter((s) => (s.group ?? "This page") === group)
                  .map((s) => (
                    <div key={s.key} className="contents">
                      <dt>
                        <Key>{keyNames[s.key] ?? s.key}</Key>
                      </dt>
                      <dd>{s.label}</dd>
                    </div>
                  ))}
              </dl>
            </section>
          ))}
          <div className="rounded-md border border-line p-3 text-sm">
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                className="mt-0.5 h-4 w-4 shrink-0 accent-[var(--accent)]"
                checked={enabled}
                disabled={saving}
                onChange={(e) => void toggle(e.target.checked)}
              />
              <span>
                <span className="font-medium">Single-key shortcuts</span>
                <span className="block text-xs text-muted">
                  Keys like <Key>a</Key> and <Key>j</Key> act at once. Turn them off if you use speech input or press keys by accident; saved for your account.
                </span>
              </span>
            </label>
            <p aria-live="polite" className={`mt-2 text-xs ${status?.error ? "text-bad" : "text-muted"}`}>
              {status?.text}
            </p>
          </div>
          {!enabled ? <p className="text-xs text-muted">Reopen this list with the Shortcuts button while single keys are off.</p> : null}
        </div>
      </dialog>
    </>
  );
}
