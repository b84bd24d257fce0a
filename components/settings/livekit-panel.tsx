"use client";
// Settings → LiveKit (admins): the last signed webhook, transcript uploads, and whether the LiveKit
// server answers (when LIVEKIT_URL is set). Read through a Server Action in lib/connect/actions.ts.
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { checkLiveKitAction } from "@/lib/connect/actions";
import { unwrapAction } from "@/lib/http/action-result";
import { formatDateTime } from "@/lib/format-date";

const when = (iso: string) => formatDateTime(iso);

export function LiveKitPanel() {
  const check = useQuery({ queryKey: ["connect", "livekit"], queryFn: () => unwrapAction(checkLiveKitAction({})), retry: false, refetchOnWindowFocus: false });
  const s = check.data;
  return (
    <section aria-labelledby="livekit-title" className="rounded-md border border-line bg-panel p-4 text-sm">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 id="livekit-title" className="flex-1 font-semibold">
          LiveKit
        </h2>
        <Button size="sm" onClick={() => check.refetch()} disabled={check.isFetching}>
          {check.isFetching ? "Checking…" : "Check again"}
        </Button>
      </div>
      {check.error ? (
        <p role="alert" className="text-bad">
          {check.error.message}
        </p>
      ) : null}
      {!s && check.isPending ? <p className="text-muted">Checking…</p> : null}
      {s ? (
        <ul className="divide-y divide-line">
          <li className="py-2">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium">Webhooks</span>
              <Badge tone={s.webhook.configured ? "ok" : "bad"}>{s.webhook.configured ? "Verified with your key" : "Off"}</Badge>
            </p>
            {s.webhook.configured ? (
              <p>Last signed webhook: {s.webhook.lastReceived ? `${s.webhook.lastReceived.eventType} at ${when(s.webhook.lastReceived.at)}.` : "none yet."}</p>
            ) : (
              <p className="text-bad">Set {s.webhook.missing.join(" and ")}: every LiveKit webhook is refused until then.</p>
            )}
            <p className="text-xs text-muted">
              Register <code className="break-all">{s.webhook.expectedUrl}</code> in LiveKit.
            </p>
          </li>
          <li className="py-2">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium">Transcript uploads</span>
              <Badge tone={s.transcripts.configured ? "ok" : "warn"}>{s.transcripts.configured ? "Accepted" : "Off"}</Badge>
            </p>
            {s.transcripts.configured ? (
              <p>
                {s.transcripts.count} transcript{s.transcripts.count === 1 ? "" : "s"} received
                {s.transcripts.last
                  ? `; the last at ${when(s.transcripts.last.at)}${s.transcripts.last.roomName ? ` from ${s.transcripts.last.roomName}` : ""} (${s.transcripts.last.items} items).`
                  : "."}
              </p>
            ) : (
              <p className="text-warn">Set {s.transcripts.missing.join(" and ")}: agents cannot upload transcripts, so drafts are checked without their call.</p>
            )}
            <p className="text-xs text-muted">
              Agents PUT to <code className="break-all">{s.transcripts.expectedUrl}</code> (see examples/).
            </p>
          </li>
          <li className="py-2">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium">LiveKit server</span>
              <Badge tone={!s.server.configured ? "neutral" : s.server.reachable ? "ok" : "bad"}>
                {!s.server.configured ? "Not set" : s.server.reachable ? "Reachable" : "Not reachable"}
              </Badge>
            </p>
            {!s.server.configured ? (
              <p className="text-muted">Optional: set {s.server.missing.join(", ")} to show whether an unfinished session&apos;s call is still live.</p>
            ) : s.server.reachable ? (
              <p>
                <code className="break-all text-xs">{s.server.url}</code> answered: {s.server.activeRooms} active room{s.server.activeRooms === 1 ? "" : "s"}.
              </p>
            ) : (
              <p className="text-bad">
                <code className="break-all text-xs">{s.server.url}</code> did not answer: {s.server.message}
              </p>
            )}
          </li>
        </ul>
      ) : null}
      {s ? <p className="mt-1 text-xs text-muted">Checked {when(s.checkedAt)}.</p> : null}
    </section>
  );
}
