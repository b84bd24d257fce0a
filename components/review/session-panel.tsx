"use client";
// The voice session beside the draft: the caller LiveKit saw, transcript state, recordings, and the
// transcript timeline the evidence links point into. The email's own metadata stays available.
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { LiveBadge } from "@/components/session/live-badge";
import { RecordingsList } from "@/components/session/session-facts";
import { TranscriptStateBadge } from "@/components/session/transcript-state-badge";
import { TranscriptTimeline } from "@/components/session/transcript-timeline";
import { itemEvidenceQuery } from "@/lib/livekit/queries";
import type { ItemDetail } from "@/lib/review/schemas";

export function SessionPanel({ itemId, session, metadata }: { itemId: string; session: ItemDetail["session"]; metadata: Record<string, unknown> | null }) {
  // Suspends until the session arrives with the evidence checks (PanelBoundary holds its place).
  const { data } = useSuspenseQuery(itemEvidenceQuery(itemId));
  const view = data?.session ?? null;
  const caller = view?.caller ?? null;
  const rows: [string, string | null][] = [
    ["Room", view?.roomName ?? data?.link.roomName ?? session.roomName ?? session.sessionId],
    ["Room sid", view?.roomSid ?? data?.link.roomSid ?? session.roomSid],
    ["Job", data?.link.jobId ?? session.jobId],
    ["Agent", session.agentName],
  ];
  return (
    <section aria-labelledby="session-title" className="rounded-md border border-line bg-panel p-4 text-sm">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id="session-title" className="font-semibold">
          Voice session
        </h2>
        {view ? (
          <Link href={`/sessions/${encodeURIComponent(view.roomSid)}`} className="text-xs text-accent underline">
            Open session page
          </Link>
        ) : null}
      </div>
      <div className="mb-2 flex flex-wrap gap-1.5">
        {data ? <TranscriptStateBadge state={data.transcriptState} /> : null}
        {view?.liveCheck ? <LiveBadge roomSid={view.roomSid} /> : null}
      </div>
      <dl className="grid grid-cols-[5.5rem_1fr] gap-x-2 gap-y-1">
        <dt className="text-muted">Caller</dt>
        <dd className="[overflow-wrap:anywhere]">
          {caller ? (
            [caller.name, caller.email, caller.phone].filter(Boolean).length ? (
              [caller.name, caller.email, caller.phone].filter(Boolean).map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))
            ) : (
              caller.identity
            )
          ) : (
            <span className="text-muted">not reported by LiveKit</span>
          )}
        </dd>
        {session.callerEmail && session.callerEmail !== caller?.email ? (
          <>
            <dt className="text-muted">Agent says</dt>
            <dd className="[overflow-wrap:anywhere]">{[session.callerName, session.callerEmail].filter(Boolean).join(" · ")}</dd>
          </>
        ) : null}
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-muted">{k}</dt>
              <dd className="break-all font-mono text-xs leading-5">{v}</dd>
            </div>
          ))}
      </dl>
      {view && view.recordings.length > 0 ? (
        <div className="mt-3">
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">Recordings</h3>
          <RecordingsList recordings={view.recordings} />
        </div>
      ) : null}
      {view && view.transcript.entries.length > 0 ? (
        <div className="mt-3">
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">Transcript</h3>
          <div className="max-h-[32rem] overflow-y-auto rounded border border-line p-1" tabIndex={0} aria-label="Transcript, scrollable">
            <TranscriptTimeline entries={view.transcript.entries} cited={data?.citedTurnIds} />
          </div>
        </div>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-x-4">
        {session.transcriptUrl ? (
          <a href={session.transcriptUrl} target="_blank" rel="noopener noreferrer nofollow" className="text-accent underline">
            Agent&apos;s transcript link
          </a>
        ) : null}
        {view?.cloudUrl ? (
          <a href={view.cloudUrl} target="_blank" rel="noopener noreferrer" className="text-accent underline">
            Open in LiveKit Cloud
          </a>
        ) : null}
      </div>
      {!view && !data?.link.roomName && !session.sessionId && !session.callerEmail ? <p className="text-muted">This email carries no session metadata.</p> : null}
      {metadata ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-muted">All metadata</summary>
          <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-bg p-2 font-mono text-xs">{JSON.stringify(metadata, null, 2)}</pre>
        </details>
      ) : null}
    </section>
  );
}
