"use client";
// The session page: who called and when, the transcript as a timeline, the recordings, and every
// email the agent wrote from this call with its state.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ProblemsBadge } from "@/components/review/problems-badge";
import { StateBadge } from "@/components/review/state-badge";
import { Badge } from "@/components/ui/badge";
import { sessionQuery } from "@/lib/livekit/queries";
import { useLiveUpdates } from "@/components/realtime/use-live-updates";
import { LiveBadge } from "./live-badge";
import { MetadataView, ParticipantsList, RecordingsList, When } from "./session-facts";
import { TranscriptStateBadge } from "./transcript-state-badge";
import { TranscriptTimeline } from "./transcript-timeline";

function duration(startedAt: string | null, endedAt: string | null): string | null {
  if (!startedAt || !endedAt) return null;
  const seconds = Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 1000));
  return seconds >= 3600
    ? `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`
    : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

export function SessionView({ roomSid }: { roomSid: string }) {
  useLiveUpdates();
  const { data, error } = useQuery(sessionQuery(roomSid));
  if (error)
    return (
      <p role="alert" className="rounded-md border border-bad/40 bg-panel p-4 text-bad">
        {error.message}
      </p>
    );
  if (!data) return <p aria-busy="true">Loading…</p>;
  const { session, emails } = data;
  const caller = session.caller;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/" className="text-sm text-muted hover:text-fg">
          ← Queue
        </Link>
        <TranscriptStateBadge state={session.transcript.state} />
        {session.liveCheck ? <LiveBadge roomSid={session.roomSid} /> : null}
        {session.finished ? <Badge>Call ended</Badge> : null}
      </div>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold break-words">
          {caller?.name || caller?.email || caller?.phone ? `Call with ${caller.name ?? caller.email ?? caller.phone}` : `Call ${session.roomName ?? session.roomSid}`}
        </h1>
        <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
          <div className="flex gap-1.5">
            <dt className="text-muted">Room</dt>
            <dd className="break-all font-mono text-xs leading-5">
              {session.roomName ?? "—"} · {session.roomSid}
            </dd>
          </div>
          <div className="flex gap-1.5">
            <dt className="text-muted">Started</dt>
            <dd>
              <When at={session.startedAt} />
            </dd>
          </div>
          <div className="flex gap-1.5">
            <dt className="text-muted">Ended</dt>
            <dd>
              <When at={session.endedAt} />
              {session.endReason ? (
                <span className="text-muted">
                  {" "}
                  (
                  {session.endReason
                    .replace(/^ROOM_END_/, "")
                    .toLowerCase()
                    .replace(/_/g, " ")}
                  )
                </span>
              ) : null}
            </dd>
          </div>
          {duration(session.startedAt, session.endedAt) ? (
            <div className="flex gap-1.5">
              <dt className="text-muted">Length</dt>
              <dd>{duration(session.startedAt, session.endedAt)}</dd>
            </div>
          ) : null}
          {caller?.email ? (
            <div className="flex gap-1.5">
              <dt className="text-muted">Caller email</dt>
              <dd className="break-all">{caller.email}</dd>
            </div>
          ) : null}
          {caller?.phone ? (
            <div className="flex gap-1.5">
              <dt className="text-muted">Caller phone</dt>
              <dd>{caller.phone}</dd>
            </div>
          ) : null}
          {session.jobs.length ? (
            <div className="flex gap-1.5">
              <dt className="text-muted">Agents</dt>
              <dd>{session.jobs.map((j) => j.agentName ?? j.id).join(", ")}</dd>
            </div>
          ) : null}
        </dl>
        {session.cloudUrl ? (
          <a href={session.cloudUrl} target="_blank" rel="noopener noreferrer" className="inline-block text-sm text-accent underline">
            Open in LiveKit Cloud
          </a>
        ) : null}
      </header>

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-labelledby="transcript-title" className="min-w-0 rounded-md border border-line bg-panel p-4">
          <h2 id="transcript-title" className="mb-2 text-sm font-semibold">
            Transcript
          </h2>
          {session.transcript.state === "ready" ? (
            <>
              <p className="mb-2 text-xs text-muted">
                Times are from the start of the call. {session.transcript.jobs.length > 1 ? `${session.transcript.jobs.length} agent jobs, merged in call order.` : null}
              </p>
              <TranscriptTimeline entries={session.transcript.entries} />
            </>
          ) : session.transcript.state === "missing" ? (
            <p className="text-sm">No transcript arrived, although the call ended a while ago. Check that the agent uploads it at session end (see examples/).</p>
          ) : (
            <p className="text-sm text-muted">The agent uploads the transcript when the session ends; it appears here by itself.</p>
          )}
        </section>
        <aside className="space-y-4" aria-label="Emails, participants and recordings">
          <section aria-labelledby="emails-title" className="rounded-md border border-line bg-panel p-4">
            <h2 id="emails-title" className="mb-2 text-sm font-semibold">
              Emails from this call
            </h2>
            {emails.length === 0 ? (
              <p className="text-sm text-muted">No email from this call has reached Countersign.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {emails.map((e) => (
                  <li key={e.itemId} className="min-w-0">
                    <Link href={`/emails/${e.itemId}`} className="font-medium text-accent underline break-words">
                      {e.subject || "(no subject)"}
                    </Link>
                    <div className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs">
                      <span className="break-all text-muted">To {e.to.join(", ")}</span>
                      <StateBadge state={e.state} />
                      <ProblemsBadge problems={e.findingsCount} checked={session.transcript.state === "ready"} />
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="participants-title" className="rounded-md border border-line bg-panel p-4">
            <h2 id="participants-title" className="mb-2 text-sm font-semibold">
              Participants
            </h2>
            <ParticipantsList participants={session.participants} />
          </section>
          <section aria-labelledby="recordings-title" className="rounded-md border border-line bg-panel p-4">
            <h2 id="recordings-title" className="mb-2 text-sm font-semibold">
              Recordings
            </h2>
            <RecordingsList recordings={session.recordings} />
          </section>
          {session.roomMetadata !== null ? (
            <section aria-labelledby="room-meta-title" className="rounded-md border border-line bg-panel p-4">
              <h2 id="room-meta-title" className="text-sm font-semibold">
                Room metadata
              </h2>
              <MetadataView value={session.roomMetadata} label="Show" />
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
