"use client";
// Per-mailbox SLAs: "decide within N minutes of the call's end" (the hold time without a call).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { setMailboxSlaAction } from "@/lib/review/sla-actions";

export interface SlaPanelMailbox {
  id: string;
  label: string;
  slaMinutes: number | null;
}

export function SlaPanel({ mailboxes }: { mailboxes: SlaPanelMailbox[] }) {
  return (
    <section aria-labelledby="sla-title" className="rounded-md border border-line bg-panel p-4 text-sm">
      <h2 id="sla-title" className="mb-1 font-semibold">
        Decision SLAs
      </h2>
      <p id="sla-help" className="mb-3 text-muted">
        Decide each held email within this many minutes of the call’s end (of the hold, for an email without a call). The queue counts down, flags emails near the limit
        and overdue, and can sort by due time. Leave empty for no SLA.
      </p>
      {mailboxes.length === 0 ? (
        <p className="text-muted">No mailbox yet: mailboxes appear here once MultiMail holds an email from them.</p>
      ) : (
        <ul className="divide-y divide-line">
          {mailboxes.map((m) => (
            <SlaRow key={m.id} mailbox={m} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SlaRow({ mailbox }: { mailbox: SlaPanelMailbox }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [value, setValue] = useState(mailbox.slaMinutes === null ? "" : String(mailbox.slaMinutes));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const inputId = `sla-${mailbox.id}`;
  return (
    <li className="py-2">
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const text = value.trim();
          const minutes = text === "" ? null : Number(text);
          if (minutes !== null && (!Number.isInteger(minutes) || minutes < 1 || minutes > 43_200)) {
            setError("A whole number of minutes from 1 to 43,200 (30 days), or empty for no SLA.");
            setSaved(null);
            return;
          }
          startTransition(async () => {
            const result = await setMailboxSlaAction({ mailboxId: mailbox.id, minutes });
            if ("error" in result) {
              setError(result.error.message);
              setSaved(null);
            } else {
              setError(null);
              const held = result.data.updated;
              setSaved(`${minutes === null ? "SLA removed" : `Saved: ${minutes} min`}${held ? ` · ${held} held email${held === 1 ? "" : "s"} updated` : ""}.`);
            }
            router.refresh();
          });
        }}
      >
        <label htmlFor={inputId} className="min-w-0 flex-1 basis-48 truncate font-medium" title={mailbox.label}>
          {mailbox.label}
        </label>
        <span className="flex items-center gap-2">
          <input
            id={inputId}
            type="number"
            inputMode="numeric"
            min={1}
            max={43_200}
            step={1}
            placeholder="none"
            value={value}
            aria-describedby="sla-help"
            aria-invalid={error ? true : undefined}
            onChange={(e) => setValue(e.target.value)}
            className="w-24 rounded border border-line bg-bg px-2 py-1"
          />
          <span className="text-muted">min</span>
          <Button type="submit" size="sm" disabled={pending}>
            Save
          </Button>
        </span>
      </form>
      {saved ? (
        <p role="status" className="mt-1 text-muted">
          {saved}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-1 text-bad">
          {error}
        </p>
      ) : null}
    </li>
  );
}
