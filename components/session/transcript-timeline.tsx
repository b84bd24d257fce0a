// The transcript as a timeline: speaker and time from call start per turn, interruptions marked,
// tool calls folded. Every turn is an anchor (`#turn-…`) evidence links point at; all of it is
// untrusted text, rendered as text.
import type { TimelineEntry } from "@/lib/livekit/schemas";

const turnBase = "scroll-mt-20 rounded-md px-2 py-1.5 outline-none target:bg-warn/15 target:ring-2 target:ring-warn focus-visible:ring-2 focus-visible:ring-accent";

function Time({ at }: { at: string | null }) {
  return at ? <time className="font-mono text-xs tabular-nums text-muted">{at}</time> : null;
}

export function TranscriptTimeline({ entries, cited = [], label = "Transcript" }: { entries: TimelineEntry[]; cited?: string[]; label?: string }) {
  const citedIds = new Set(cited);
  return (
    <ol aria-label={label} className="space-y-1">
      {entries.map((entry) => {
        const isCited = entry.turnIds.some((id) => citedIds.has(id));
        return (
          <li key={entry.anchorId} id={entry.anchorId} tabIndex={-1} data-turn-ids={entry.turnIds.join(" ")} className={turnBase}>
            <Entry entry={entry} cited={isCited} />
          </li>
        );
      })}
    </ol>
  );
}

function Entry({ entry, cited }: { entry: TimelineEntry; cited: boolean }) {
  switch (entry.kind) {
    case "message":
      return (
        <div className={entry.speaker === "caller" ? "border-l-2 border-accent pl-2" : entry.speaker === "agent" ? "border-l-2 border-line pl-2" : "pl-2.5 text-muted"}>
          <div className="flex flex-wrap items-baseline gap-x-2 text-xs">
            <span className={`font-semibold ${entry.speaker === "caller" ? "text-accent" : "text-fg"}`}>{entry.label}</span>
            <Time at={entry.at} />
            {entry.interrupted ? <span className="text-warn">cut off by the caller</span> : null}
            {entry.confidence !== null && entry.confidence < 0.7 ? (
              <span className="text-warn">low transcription confidence ({Math.round(entry.confidence * 100)}%)</span>
            ) : null}
            {cited ? <span className="text-accent">cited by the agent</span> : null}
          </div>
          <p className="whitespace-pre-wrap break-words text-sm">
            {entry.text || <span className="text-muted">(no text)</span>}
            {entry.interrupted ? (
              <span aria-hidden className="text-muted">
                {" "}
                —
              </span>
            ) : null}
          </p>
          {entry.hiddenParts > 0 ? <p className="text-xs text-muted">{entry.hiddenParts} image or audio part(s) not shown</p> : null}
        </div>
      );
    case "tool":
      return (
        <details className="group pl-2.5 text-sm">
          <summary className="cursor-pointer list-none text-xs text-muted marker:hidden">
            <span aria-hidden className="mr-1 inline-block transition group-open:rotate-90">
              ▸
            </span>
            Tool call <span className="font-mono text-fg">{entry.name}</span> <Time at={entry.at} />
            {entry.isError ? <span className="ml-1 text-bad">failed</span> : entry.output === null ? <span className="ml-1">no output</span> : null}
            {cited ? <span className="ml-1 text-accent">cited by the agent</span> : null}
          </summary>
          <dl className="mt-1 space-y-1 text-xs">
            {entry.arguments ? (
              <>
                <dt className="text-muted">Arguments (written by the model)</dt>
                <dd>
                  <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-bg p-1.5 font-mono">{entry.arguments}</pre>
                </dd>
              </>
            ) : null}
            {entry.output !== null ? (
              <>
                <dt className="text-muted">Output</dt>
                <dd>
                  <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-bg p-1.5 font-mono">{entry.output}</pre>
                </dd>
              </>
            ) : null}
          </dl>
        </details>
      );
    case "handoff":
      return (
        <p className="pl-2.5 text-xs text-muted">
          Handed over{entry.from ? ` from ${entry.from}` : ""} to <span className="text-fg">{entry.to}</span> <Time at={entry.at} />
        </p>
      );
    case "event":
      return (
        <p className="pl-2.5 text-xs text-muted">
          {entry.label}
          {entry.detail ? `: ${entry.detail}` : ""} <Time at={entry.at} />
        </p>
      );
  }
}
