"use client";
// Hooks (admins): signed JSON hooks for review and delivery events — the signing secret shown once —
// a Slack-compatible incoming webhook per mailbox, and every target's delivery log with a re-send.
// The signature and a receiver are documented in docs/hooks.md.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { createHookAction, removeHookAction, resendDeliveryAction, setSlackTargetAction } from "@/lib/hooks/actions";
import { HOOK_EVENTS, type HookDeliveryRow, type HookEvent, type HookRow, type MailboxOption } from "@/lib/hooks/events";
import { formatDateTime } from "@/lib/format-date";

const when = (iso: string) => formatDateTime(iso, { seconds: true });
const stateTone = { delivered: "ok", retrying: "warn", failed: "bad" } as const;
const eventLabel = (event: string) => ({ "slack.held": "new held email", "slack.near_breach": "near SLA breach" })[event] ?? event;

export function HooksPanel({ hooks, mailboxes }: { hooks: HookRow[]; mailboxes: MailboxOption[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [events, setEvents] = useState<HookEvent[]>(["item.approved"]);
  const signed = hooks.filter((h) => h.kind === "hook");
  const slackByMailbox = new Map(hooks.filter((h) => h.kind === "slack").map((h) => [h.mailboxId, h]));

  const run = (work: () => Promise<{ error: { message: string } } | { data: unknown }>, then?: (data: unknown) => void) =>
    startTransition(async () => {
      const result = await work();
      if ("error" in result) return setError(result.error.message);
      setError(null);
      then?.(result.data);
      router.refresh();
    });

  return (
    <section aria-labelledby="hooks-title" className="min-w-0 rounded-md border border-line bg-panel p-4">
      <h2 id="hooks-title" className="mb-1 font-semibold">
        Hooks
      </h2>
      <p className="mb-3 text-sm text-muted">
        Countersign POSTs signed JSON to your URL when an email is approved, rejected, edited, delivered or bounced — to update a CRM, for instance. Failed deliveries are
        retried for a day. How to check the signature: <code>docs/hooks.md</code>.
      </p>
      <form
        className="space-y-3 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const url = String(new FormData(form).get("url") ?? "");
          run(
            () => createHookAction({ url, events }),
            (data) => {
              setCreated({ url, secret: (data as { secret: string }).secret });
              form.reset();
            },
          );
        }}
      >
        <label className="flex flex-col gap-1">
          <span className="text-muted">URL that receives the events</span>
          <input
            name="url"
            type="url"
            required
            maxLength={2000}
            placeholder="https://crm.example.com/countersign"
            className="rounded-md border border-line bg-bg px-2 py-1.5"
          />
        </label>
        <fieldset>
          <legend className="mb-1 text-muted">Events</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {HOOK_EVENTS.map((e) => (
              <label key={e} className="inline-flex items-center gap-1.5">
                <input
                  type="checkbox"
                  checked={events.includes(e)}
                  onChange={(change) => setEvents((current) => (change.target.checked ? [...current, e] : current.filter((x) => x !== e)))}
                />
                <code className="text-xs">{e}</code>
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit" variant="primary" disabled={pending || events.length === 0}>
          Register hook
        </Button>
      </form>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-bad">
          {error}
        </p>
      ) : null}
      {created ? (
        <div role="status" className="mt-3 rounded-md border border-ok/40 bg-bg p-3 text-sm">
          <p className="mb-1 [overflow-wrap:anywhere]">
            Hook for {created.url} registered. Copy its signing secret now: it is not shown again. Your receiver checks each request&apos;s{" "}
            <code>X-Countersign-Signature</code> with it.
          </p>
          <label className="block">
            <span className="sr-only">Signing secret</span>
            <input
              readOnly
              value={created.secret}
              className="w-full rounded border border-line bg-panel px-2 py-1 font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
          </label>
        </div>
      ) : null}

      {signed.length ? (
        <ul className="mt-4 divide-y divide-line text-sm" aria-label="Registered hooks">
          {signed.map((h) => (
            <li key={h.id} className="py-2">
              <div className="flex flex-wrap items-start gap-2">
                <span className="min-w-0 flex-1">
                  <span className="block font-mono text-xs [overflow-wrap:anywhere]">{h.url}</span>
                  <span className="block text-xs text-muted">
                    {h.events.join(", ")} · by {h.createdBy} · {when(h.createdAt)}
                  </span>
                </span>
                <Button size="sm" variant="danger" aria-label={`Remove hook ${h.url}`} disabled={pending} onClick={() => run(() => removeHookAction({ hookId: h.id }))}>
                  Remove
                </Button>
              </div>
              <DeliveryLog deliveries={h.deliveries} pending={pending} onResend={(id) => run(() => resendDeliveryAction({ deliveryId: id }))} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-sm text-muted">No hook registered.</p>
      )}

      <h3 className="mb-1 mt-5 font-semibold">Slack-compatible channel per mailbox</h3>
      <p className="mb-2 text-sm text-muted">
        An incoming-webhook URL (Slack, Mattermost, Rocket.Chat…) gets <code>{`{ "text": … }`}</code> with a link to the review page when an email is held in the mailbox
        and when one nears its SLA. Leave it empty to stop.
      </p>
      {mailboxes.length ? (
        <ul className="divide-y divide-line text-sm" aria-label="Slack-compatible channels">
          {mailboxes.map((m) => {
            const target = slackByMailbox.get(m.id);
            const inputId = `slack-${m.id}`;
            return (
              <li key={m.id} className="py-2">
                <form
                  className="flex flex-wrap items-end gap-2"
                  onSubmit={(event) => {
                    event.preventDefault();
                    const url = String(new FormData(event.currentTarget).get("url") ?? "");
                    run(() => setSlackTargetAction({ mailboxId: m.id, url }));
                  }}
                >
                  <label htmlFor={inputId} className="flex min-w-0 flex-1 basis-56 flex-col gap-1">
                    <span className="[overflow-wrap:anywhere]">{m.label}</span>
                    <input
                      id={inputId}
                      name="url"
                      type="url"
                      maxLength={2000}
                      defaultValue={target?.url ?? ""}
                      placeholder="https://hooks.slack.com/services/…"
                      className="rounded-md border border-line bg-bg px-2 py-1.5"
                    />
                  </label>
                  <Button type="submit" size="sm" disabled={pending} aria-label={`Save the channel of ${m.label}`}>
                    Save
                  </Button>
                </form>
                {target ? <DeliveryLog deliveries={target.deliveries} pending={pending} onResend={(id) => run(() => resendDeliveryAction({ deliveryId: id }))} /> : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-muted">No mailbox known yet: they appear once MultiMail is connected.</p>
      )}
    </section>
  );
}

function DeliveryLog({ deliveries, pending, onResend }: { deliveries: HookDeliveryRow[]; pending: boolean; onResend: (deliveryId: string) => void }) {
  if (!deliveries.length) return <p className="mt-1 text-xs text-muted">Nothing sent yet.</p>;
  const failing = deliveries.filter((d) => d.state !== "delivered").length;
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs text-muted">
        Delivery log: {deliveries.length} latest{failing ? `, ${failing} not delivered` : ""}
      </summary>
      <ol className="mt-1 space-y-2">
        {deliveries.map((d) => (
          <li key={d.id} className="rounded border border-line bg-bg p-2 text-xs" aria-label={`Delivery ${eventLabel(d.event)} ${d.state}`}>
            <div className="flex flex-wrap items-center gap-2">
              <code>{eventLabel(d.event)}</code>
              <Badge tone={stateTone[d.state]}>{d.state}</Badge>
              <span className="text-muted">{when(d.createdAt)}</span>
              <span className="flex-1" />
              <Button size="sm" disabled={pending} aria-label={`Re-send ${eventLabel(d.event)} of ${when(d.createdAt)}`} onClick={() => onResend(d.id)}>
                Re-send
              </Button>
            </div>
            <p className="mt-1 text-muted [overflow-wrap:anywhere]">
              Delivery <code>{d.id}</code>
              {d.nextAttemptAt ? ` · next attempt ${when(d.nextAttemptAt)}` : ""}
            </p>
            <ul className="mt-1 space-y-0.5">
              {d.log.map((a, i) => (
                <li key={i} className="[overflow-wrap:anywhere]">
                  {when(a.at)} · {a.status ? `HTTP ${a.status}` : "no answer"} · {a.durationMs} ms{a.manual ? " · re-sent" : ""}
                  {a.error ? <span className="text-bad"> · {a.error}</span> : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </details>
  );
}
