"use client";
// The filters MultiMail's list offers (multimail-api.md §2.2): direction, status, sender, subject, dates.
import { useState } from "react";
import { filterStatuses, type EmailFilters } from "@/lib/inbox/email-filters";
import { statusLabel } from "./message-badges";

const field = "rounded-md border border-line bg-panel px-2 py-1.5 text-sm";

/** A text filter: the input keeps what is typed, the URL follows at once (the list waits for a pause). */
function TextFilter({
  label,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  placeholder: string;
}) {
  const [text, setText] = useState(value ?? "");
  // Follow a change made elsewhere (Clear filters, back button) without fighting the typing.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if ((value ?? "") !== text.trim()) setText(value ?? "");
  }
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="text-muted">{label}</span>
      <input
        type="search"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.trim() || undefined);
        }}
        placeholder={placeholder}
        className={`${field} w-full`}
      />
    </label>
  );
}

export function EmailFiltersBar({ filters, onChange }: { filters: EmailFilters; onChange: (patch: Partial<EmailFilters>) => void }) {
  const active = Boolean(filters.direction || filters.status || filters.sender || filters.subject || filters.after || filters.before);
  return (
    <form
      role="search"
      aria-label="Filter messages"
      className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-[auto_auto_1fr_1fr_auto_auto_auto] lg:items-end"
      onSubmit={(e) => e.preventDefault()}
    >
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-muted">Direction</span>
        <select className={field} value={filters.direction ?? ""} onChange={(e) => onChange({ direction: (e.target.value || undefined) as EmailFilters["direction"] })}>
          <option value="">Both</option>
          <option value="inbound">Inbound</option>
          <option value="outbound">Outbound</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-muted">Status</span>
        <select className={field} value={filters.status ?? ""} onChange={(e) => onChange({ status: (e.target.value || undefined) as EmailFilters["status"] })}>
          <option value="">Any</option>
          {filterStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s).text}
            </option>
          ))}
        </select>
      </label>
      <TextFilter label="Sender" value={filters.sender} onChange={(sender) => onChange({ sender })} placeholder="Part of an address" />
      <TextFilter label="Subject" value={filters.subject} onChange={(subject) => onChange({ subject })} placeholder="Words in the subject" />
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-muted">From day (UTC)</span>
        <input type="date" className={field} value={filters.after ?? ""} max={filters.before} onChange={(e) => onChange({ after: e.target.value || undefined })} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-muted">To day (UTC)</span>
        <input type="date" className={field} value={filters.before ?? ""} min={filters.after} onChange={(e) => onChange({ before: e.target.value || undefined })} />
      </label>
      <button
        type="button"
        className="self-end rounded-md border border-line bg-panel px-3 py-1.5 text-sm disabled:opacity-40"
        disabled={!active}
        onClick={() => onChange({ direction: undefined, status: undefined, sender: undefined, subject: undefined, after: undefined, before: undefined })}
      >
        Clear filters
      </button>
    </form>
  );
}
