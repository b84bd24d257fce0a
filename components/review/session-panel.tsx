import type { ItemDetail } from "@/lib/review/schemas";

export function SessionPanel({ session, metadata }: { session: ItemDetail["session"]; metadata: Record<string, unknown> | null }) {
  const rows: [string, string | null][] = [
    ["Caller", [session.callerName, session.callerEmail].filter(Boolean).join(" · ") || null],
    ["Session", session.sessionId ?? session.roomName],
    ["Room sid", session.roomSid],
    ["Job", session.jobId],
    ["Agent", session.agentName],
  ];
  return (
    <section aria-labelledby="session-title" className="rounded-md border border-line bg-panel p-4 text-sm">
      <h2 id="session-title" className="mb-2 font-semibold">Voice session</h2>
      {session.agentNote || session.agentConfidence !== null ? (
        <p className="mb-2 rounded bg-warn/10 p-2">
          <span className="font-medium">Agent&apos;s note: </span>
          {session.agentNote ?? "—"}
          {session.agentConfidence !== null ? ` (confidence ${Math.round(session.agentConfidence * 100)}%)` : ""}
        </p>
      ) : null}
      <dl className="grid grid-cols-[5.5rem_1fr] gap-x-2 gap-y-1">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-muted">{k}</dt>
              <dd className="break-all font-mono text-xs leading-5">{v}</dd>
            </div>
          ))}
      </dl>
      {session.transcriptUrl ? (
        <a href={session.transcriptUrl} target="_blank" rel="noopener noreferrer nofollow" className="mt-2 inline-block text-accent underline">
          Open transcript
        </a>
      ) : null}
      {!session.sessionId && !session.roomSid && !session.callerEmail ? <p className="text-muted">This email carries no session metadata.</p> : null}
      {metadata ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-muted">All metadata</summary>
          <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-bg p-2 font-mono text-xs">{JSON.stringify(metadata, null, 2)}</pre>
        </details>
      ) : null}
    </section>
  );
}
