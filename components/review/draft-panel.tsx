"use client";
// The draft as the recipient would see it (sanitised HTML), or its raw markdown on request.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { EmailView } from "@/lib/review/schemas";
import { EmailFrame } from "./email-frame";

export function DraftPanel({ email, heading, onLoadRemote, remoteLoaded }: { email: EmailView; heading: string; onLoadRemote: () => void; remoteLoaded: boolean }) {
  const [raw, setRaw] = useState(false);
  return (
    <article aria-label={heading} className="rounded-md border border-line bg-panel">
      <header className="space-y-1 border-b border-line p-4 text-sm">
        <div className="flex items-start justify-between gap-3">
          <h2 className="text-lg font-semibold leading-snug">{email.subject || "(no subject)"}</h2>
          <Button size="sm" variant="ghost" aria-pressed={raw} onClick={() => setRaw((r) => !r)} title="Toggle raw markdown (m)" data-shortcut="m">
            {raw ? "Rendered" : "Markdown"}
          </Button>
        </div>
        <dl className="grid grid-cols-[3rem_1fr] gap-x-2 gap-y-0.5">
          <dt className="text-muted">From</dt>
          <dd className="break-all">{email.from || "—"}</dd>
          <dt className="text-muted">To</dt>
          <dd className="break-all font-medium">{email.to.join(", ") || "—"}</dd>
          {email.cc.length ? (
            <>
              <dt className="text-muted">Cc</dt>
              <dd className="break-all">{email.cc.join(", ")}</dd>
            </>
          ) : null}
        </dl>
      </header>
      {email.blockedRemoteContent > 0 && !remoteLoaded ? (
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-line bg-warn/10 px-4 py-2 text-sm">
          <span>
            {email.blockedRemoteContent} remote image{email.blockedRemoteContent === 1 ? " was" : "s were"} blocked to protect your privacy.
          </span>
          <Button size="sm" onClick={onLoadRemote}>
            Load remote content
          </Button>
        </div>
      ) : null}
      {raw ? (
        <pre className="overflow-x-auto whitespace-pre-wrap break-words p-4 font-mono text-sm" aria-label="Raw markdown">
          {email.markdown}
        </pre>
      ) : (
        <EmailFrame html={email.html} allowRemote={remoteLoaded} title={`Body of “${email.subject}”`} />
      )}
    </article>
  );
}
