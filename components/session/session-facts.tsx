// Participants, recordings and the room's own metadata of a session; untrusted values as text.
import { Badge } from "@/components/ui/badge";
import type { ParticipantView, RecordingView } from "@/lib/livekit/schemas";
import { DateTime } from "@/components/ui/date-time";

export function When({ at }: { at: string | null }) {
  if (!at) return <span className="text-muted">—</span>;
  return <DateTime at={at} />;
}

export function MetadataView({ value, label }: { value: Record<string, unknown> | string | null; label: string }) {
  if (value === null) return null;
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-muted">{label}</summary>
      <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-bg p-2 font-mono">
        {typeof value === "string" ? value : JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}

const kindLabels: Record<string, string> = { SIP: "Phone (SIP)", STANDARD: "Browser or app", AGENT: "Agent", EGRESS: "Recorder", INGRESS: "Ingress" };

export function ParticipantsList({ participants }: { participants: ParticipantView[] }) {
  if (participants.length === 0) return <p className="text-sm text-muted">LiveKit has not reported any participant.</p>;
  return (
    <ul className="space-y-3 text-sm">
      {participants.map((p) => (
        <li key={p.identity} className="min-w-0">
          <div className="flex flex-wrap items-center gap-1.5">
            <span className="font-medium break-all">{p.name || p.identity}</span>
            {p.isCaller ? <Badge tone="info">Caller</Badge> : null}
            <Badge>{kindLabels[p.kind] ?? p.kind}</Badge>
          </div>
          <dl className="mt-0.5 grid grid-cols-[5rem_1fr] gap-x-2 text-xs">
            <dt className="text-muted">Identity</dt>
            <dd className="break-all font-mono">{p.identity}</dd>
            {p.email ? (
              <>
                <dt className="text-muted">Email</dt>
                <dd className="break-all">{p.email}</dd>
              </>
            ) : null}
            {p.phone ? (
              <>
                <dt className="text-muted">Phone</dt>
                <dd className="break-all">{p.phone}</dd>
              </>
            ) : null}
            <dt className="text-muted">Joined</dt>
            <dd>
              <When at={p.joinedAt} />
            </dd>
            <dt className="text-muted">Left</dt>
            <dd>
              <When at={p.leftAt} />
              {p.disconnectReason ? <span className="text-muted"> ({p.disconnectReason.toLowerCase().replace(/_/g, " ")})</span> : null}
            </dd>
          </dl>
          {Object.keys(p.attributes).length > 0 ? <MetadataView value={p.attributes} label={`Attributes (${Object.keys(p.attributes).length})`} /> : null}
          <MetadataView value={p.metadata} label="Metadata" />
        </li>
      ))}
    </ul>
  );
}

function size(bytes: number | null): string | null {
  if (bytes === null) return null;
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

function duration(seconds: number | null): string | null {
  if (seconds === null) return null;
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function RecordingsList({ recordings }: { recordings: RecordingView[] }) {
  if (recordings.length === 0) return <p className="text-sm text-muted">No recording was reported for this call.</p>;
  return (
    <ul className="space-y-2 text-sm">
      {recordings.map((r) => (
        <li key={r.egressId}>
          <div className="flex flex-wrap items-center gap-1.5">
            <span className="font-mono text-xs">{r.egressId}</span>
            <Badge tone={r.status === "EGRESS_COMPLETE" ? "ok" : r.status === "EGRESS_FAILED" || r.status === "EGRESS_ABORTED" ? "bad" : "neutral"}>
              {r.status
                .replace(/^EGRESS_/, "")
                .toLowerCase()
                .replace(/_/g, " ")}
            </Badge>
          </div>
          {r.error ? <p className="text-xs text-bad">{r.error}</p> : null}
          <ul className="mt-0.5 space-y-0.5">
            {r.files.map((f, i) => {
              const details = [duration(f.durationSeconds), size(f.sizeBytes)].filter(Boolean).join(" · ");
              const name = f.filename ?? f.location ?? "recording";
              return (
                <li key={`${r.egressId}-${i}`} className="break-all text-xs">
                  {f.href ? (
                    <a href={f.href} target="_blank" rel="noopener noreferrer nofollow" className="text-accent underline">
                      Recording: {name}
                    </a>
                  ) : (
                    <span title="Stored in a bucket; open it with your storage tools.">{f.location ?? name}</span>
                  )}
                  {details ? <span className="text-muted"> ({details})</span> : null}
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}
