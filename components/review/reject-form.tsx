"use client";
// The reject form. Opened by `r`, it takes the keyboard to the reasons. While decisions can be
// undone (the undo grace period is on), a digit rejects with that preset at once: two keys in all,
// and `z` or the notice's Undo takes it back. Without undo a digit only picks the reason and Enter
// sends. Arrows move between reasons as in any radio group; a note needs the Reject button or Enter.
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { KeyHint } from "@/components/keyboard/key-hint";
import { useShortcuts } from "@/components/keyboard/shortcuts";
import { rejectPresets } from "@/lib/review/reject-presets";

export function RejectForm({
  busy,
  sendOnDigit,
  onSubmit,
  onCancel,
}: {
  busy: boolean;
  /** A digit sends at once: only while a decision can still be undone. */
  sendOnDigit: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const [preset, setPreset] = useState<string>("");
  const [note, setNote] = useState("");
  const reasons = useRef<HTMLFieldSetElement>(null);
  const reason = [preset, note.trim()].filter(Boolean).join(": ");
  const radio = (index: number) => reasons.current?.querySelectorAll<HTMLInputElement>('input[type="radio"]')[index];

  useEffect(() => radio(0)?.focus(), []);

  useShortcuts(
    rejectPresets.slice(0, 9).map((p, index) => ({
      key: String(index + 1),
      label: `Pick “${p}”`,
      // The review page lists "1–9" once for all of them.
      hidden: true,
      run: () => {
        setPreset(p);
        radio(index)?.focus();
        if (sendOnDigit && !busy) onSubmit([p, note.trim()].filter(Boolean).join(": "));
      },
    })),
  );

  const submit = () => {
    if (reason && !busy) onSubmit(reason);
  };

  return (
    <form
      aria-label="Reject"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset
        ref={reasons}
        className="space-y-1"
        // Enter on a reason sends, as it would from a text field (browsers do not submit from a radio).
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.ctrlKey && !e.metaKey && !e.altKey && e.target instanceof HTMLInputElement && e.target.type === "radio") {
            e.preventDefault();
            submit();
          }
        }}
      >
        <legend className="mb-1 text-sm font-medium">Why reject it?</legend>
        <p className="mb-1 text-xs text-muted">{sendOnDigit ? "Its number rejects at once (z undoes it)." : "Its number picks a reason; Enter sends."}</p>
        {rejectPresets.map((p, index) => (
          <label key={p} className="flex items-center gap-2 text-sm">
            <input type="radio" name="preset" value={p} checked={preset === p} onChange={() => setPreset(p)} />
            <span className="flex-1">{p}</span>
            <KeyHint>{index + 1}</KeyHint>
          </label>
        ))}
      </fieldset>
      <label className="block text-sm">
        <span className="font-medium">Details {preset ? "(optional)" : ""}</span>
        <textarea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={3}
          maxLength={900}
          className="mt-1 w-full rounded-md border border-line bg-bg p-2"
          placeholder="Sent to MultiMail's audit log with your name"
        />
      </label>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={!reason || busy}>
          Reject email <KeyHint always>Enter</KeyHint>
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel <KeyHint always>Esc</KeyHint>
        </Button>
      </div>
    </form>
  );
}
