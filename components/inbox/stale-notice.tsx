"use client";
// The review page's stale warning: what the contact did after the draft was written, the newer
// message itself inline (its first lines and time, with a link to the whole thread), and the
// acknowledgement Approve waits for. A message nobody has read yet stays closed until the reviewer
// asks for it here, because fetching it is what marks it read in MultiMail.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { DateTime } from "@/components/ui/date-time";
import { messageQuery, threadHref, threadQuery } from "@/lib/inbox/queries";
import type { NewerActivity, ThreadMessage } from "@/lib/inbox/schemas";
import type { StaleGate } from "./use-stale-gate";

const PREVIEW_LINES = 4;
const PREVIEW_CHARS = 400;

/** The first lines a person would read: markup, links and the quoted earlier message left out. */
export function previewLines(markdown: string): string {
  const lines = markdown
    .replace(/<[^>]*>/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/^\s{0,3}(#{1,6}\s+|[-*+]\s+)/, "")
        .replace(/(\*\*|__|\*|_|`)/g, "")
        .replace(/\s+/g, " ")
        .trim(),
    );
  const kept: string[] = [];
  for (const line of lines) {
    // A reply's quote of what it answers ("On … wrote:", "> …") is not the contact's new words.
    if (/^>/.test(line) || /^On .+ wrote:$/.test(line)) break;
    if (line === "" && (kept.length === 0 || kept[kept.length - 1] === "")) continue;
    kept.push(line);
    if (kept.filter(Boolean).length >= PREVIEW_LINES) break;
  }
  const text = kept.join("\n").trim();
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1).trimEnd()}…` : text;
}

function Preview({ markdown }: { markdown: string }) {
  const text = previewLines(markdown);
  return (
    <blockquote className="mt-1.5 whitespace-pre-line border-l-2 border-warn/60 bg-panel/70 py-1.5 pl-3 pr-2 text-fg [overflow-wrap:anywhere]">
      {text || <span className="text-muted">(no text)</span>}
    </blockquote>
  );
}

function NewerMessage({ newer }: { newer: Extract<NewerActivity, { kind: "reply" }> }) {
  const [reveal, setReveal] = useState(false);
  const thread = useQuery({ ...threadQuery(newer.mailboxId, newer.threadId ?? ""), enabled: newer.threadId !== null });
  const inThread: ThreadMessage | undefined = thread.data?.messages.find((m) => m.id === newer.emailId);
  const opened = useQuery({ ...messageQuery(newer.mailboxId, newer.emailId, false), enabled: reveal });
  const body = opened.data?.body ?? inThread?.body ?? null;
  const waiting = newer.threadId !== null && thread.isPending;
  const subject = `“${newer.subject || "(no subject)"}”`;

  return (
    <div>
      <p>
        {newer.threadId ? (
          <Link href={threadHref(newer.mailboxId, newer.threadId)} className="text-accent underline">
            {newer.from} wrote {subject}
          </Link>
        ) : (
          <span className="font-medium">
            {newer.from} wrote {subject}
          </span>
        )}{" "}
        <DateTime at={newer.at} className="text-muted" />
      </p>
      {body ? (
        <Preview markdown={body.markdown} />
      ) : waiting || opened.isFetching ? (
        <p aria-busy="true" className="mt-1 text-muted">
          Loading the message…
        </p>
      ) : opened.error ? (
        <p role="alert" className="mt-1 text-bad">
          The message could not load: {opened.error.message}
        </p>
      ) : (
        <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-muted">
          <span>{inThread?.status === "unread" ? "Nobody has read it yet." : "Its text is not here yet."}</span>
          <button type="button" onClick={() => setReveal(true)} className="rounded border border-line bg-panel px-2 py-0.5 text-fg hover:bg-bg">
            Show it here
          </button>
          <span className="text-xs">(marks it read in MultiMail)</span>
        </p>
      )}
      {body && newer.threadId ? (
        <Link href={threadHref(newer.mailboxId, newer.threadId)} className="mt-1 inline-block text-xs text-accent underline">
          Read the whole thread
        </Link>
      ) : null}
    </div>
  );
}

function NewerCall({ newer }: { newer: Extract<NewerActivity, { kind: "call" }> }) {
  return (
    <p>
      <Link href={`/sessions/${encodeURIComponent(newer.roomSid)}`} className="text-accent underline">
        {newer.caller} called again
      </Link>{" "}
      <DateTime at={newer.at} className="text-muted" />
    </p>
  );
}

export function StaleNotice({ gate, canAcknowledge }: { gate: StaleGate; canAcknowledge: boolean }) {
  const { stale } = gate;
  if (!stale) return null;
  const replied = stale.newer.some((n) => n.kind === "reply");
  const called = stale.newer.some((n) => n.kind === "call");
  const what = replied && called ? "wrote in and called again" : replied ? "wrote in" : "called again";
  return (
    <section aria-labelledby="stale-title" className="rounded-md border border-warn/60 bg-warn/10 p-4 text-sm">
      <h2 id="stale-title" className="font-semibold text-warn">
        Stale draft: the contact {what} after it was written
      </h2>
      <p className="mt-1 text-muted">
        Written <DateTime at={stale.draftedAt} />. Read what is newer before you approve; it may change what this email should say.
      </p>
      <ul className="mt-2 space-y-3">
        {stale.newer.map((n) => (
          <li key={n.kind === "reply" ? n.emailId : n.roomSid}>{n.kind === "reply" ? <NewerMessage newer={n} /> : <NewerCall newer={n} />}</li>
        ))}
      </ul>
      {canAcknowledge ? (
        <label className="mt-3 flex items-start gap-2">
          <input type="checkbox" className="mt-0.5 h-4 w-4 accent-[var(--accent)]" checked={gate.acknowledged} onChange={(e) => gate.setAcknowledged(e.target.checked)} />
          <span>I have seen the newer {replied ? "message" : "call"} and this draft is still right to send</span>
        </label>
      ) : null}
    </section>
  );
}
