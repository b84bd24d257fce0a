"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { rejectPresets } from "@/lib/review/reject-presets";

export function RejectForm({ busy, onSubmit, onCancel }: { busy: boolean; onSubmit: (reason: string) => void; onCancel: () => void }) {
  const [preset, setPreset] = useState<string>("");
  const [note, setNote] = useState("");
  const reason = [preset, note.trim()].filter(Boolean).join(": ");
  return (
    <form
      aria-label="Reject"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason) onSubmit(reason);
      }}
    >
      <fieldset className="space-y-1">
        <legend className="mb-1 text-sm font-medium">Why reject it?</legend>
        {rejectPresets.map((p) => (
          <label key={p} className="flex items-center gap-2 text-sm">
            <input type="radio" name="preset" value={p} checked={preset === p} onChange={() => setPreset(p)} />
            {p}
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
          Reject email
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
