"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { EmailView } from "@/lib/review/schemas";

const split = (v: string) => v.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean);

export function EditForm({ email, busy, onSubmit, onCancel }: {
  email: EmailView;
  busy: boolean;
  onSubmit: (edit: { subject: string; markdown: string; to: string[]; cc: string[] }) => void;
  onCancel: () => void;
}) {
  const [to, setTo] = useState(email.to.join(", "));
  const [cc, setCc] = useState(email.cc.join(", "));
  const [subject, setSubject] = useState(email.subject);
  const [markdown, setMarkdown] = useState(email.markdown);
  return (
    <form
      aria-label="Edit the draft"
      className="space-y-3 rounded-md border border-line bg-panel p-4"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ subject, markdown, to: split(to), cc: split(cc) });
      }}
    >
      <p className="text-sm text-muted">
        MultiMail cannot change a held email. Countersign keeps the original, rejects it naming your edit, re-sends your version and approves it
        once MultiMail holds it with exactly this content.
      </p>
      <label className="block text-sm">
        <span className="font-medium">To</span>
        <input value={to} onChange={(e) => setTo(e.target.value)} className="mt-1 w-full rounded-md border border-line bg-bg p-2" required />
      </label>
      <label className="block text-sm">
        <span className="font-medium">Cc</span>
        <input value={cc} onChange={(e) => setCc(e.target.value)} className="mt-1 w-full rounded-md border border-line bg-bg p-2" />
      </label>
      <label className="block text-sm">
        <span className="font-medium">Subject</span>
        <input value={subject} onChange={(e) => setSubject(e.target.value)} className="mt-1 w-full rounded-md border border-line bg-bg p-2" required />
      </label>
      <label className="block text-sm">
        <span className="font-medium">Body (markdown)</span>
        <textarea value={markdown} onChange={(e) => setMarkdown(e.target.value)} rows={14} className="mt-1 w-full rounded-md border border-line bg-bg p-2 font-mono text-sm" required />
      </label>
      <div className="flex gap-2">
        <Button type="submit" variant="approve" disabled={busy}>Save edit and approve</Button>
        <Button variant="ghost" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
