// Activity: the audit log, filtered by actor, action and date, with CSV export.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { DateTime } from "@/components/ui/date-time";
import { activityEntries } from "@/lib/review/activity-entries";
import { listActivity } from "@/lib/audit/list-activity";
import { activityFiltersSchema } from "@/lib/audit/schemas";
import { getDb } from "@/lib/db/client";
import type { ActorView } from "@/lib/review/summarize-audit";

export const metadata: Metadata = { title: "Activity" };
export const dynamic = "force-dynamic";

const actions = [
  ["", "Any action"],
  ["auth.", "Sign-ins and sign-outs"],
  ["auth.sign_in_failed", "Failed sign-ins"],
  ["decision.", "Decisions"],
  ["email.", "Emails (held, edited, delivered…)"],
  ["revision.", "Edits re-sent"],
  ["claim.", "Claims and take-overs"],
  ["user.", "Users and roles"],
  ["invite.", "Invites"],
  ["settings.", "Settings"],
] as const;

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePageUser("viewer");
  const filters = activityFiltersSchema.parse(await searchParams);
  const db = await getDb();
  const { rows, nextBefore } = await listActivity(db, filters);
  const entries = await activityEntries(db, rows);
  const query = new URLSearchParams(Object.entries({ ...filters, before: undefined }).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  return (
    <section aria-labelledby="activity-title" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 id="activity-title" className="text-xl font-semibold">
          Activity
        </h1>
        <a href={`/api/activity/export?${query}`} className="rounded-md border border-line bg-panel px-3 py-1.5 text-sm hover:bg-bg" download>
          Export CSV
        </a>
      </div>
      <form className="flex flex-wrap items-end gap-3 rounded-md border border-line bg-panel p-3 text-sm" method="get">
        <label className="flex flex-col gap-1">
          <span className="text-muted">Actor</span>
          <input name="actor" defaultValue={filters.actor} placeholder="email or name" className="rounded-md border border-line bg-bg px-2 py-1.5" />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-muted">Action</span>
          <select name="action" defaultValue={filters.action ?? ""} className="rounded-md border border-line bg-bg px-2 py-1.5">
            {actions.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-muted">From</span>
          <input type="date" name="from" defaultValue={filters.from} className="rounded-md border border-line bg-bg px-2 py-1.5" />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-muted">To</span>
          <input type="date" name="to" defaultValue={filters.to} className="rounded-md border border-line bg-bg px-2 py-1.5" />
        </label>
        <button type="submit" className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg">
          Filter
        </button>
        <Link href="/activity" className="py-1.5 text-muted underline">
          Clear
        </Link>
      </form>
      <div className="rounded-md border border-line bg-panel">
        <div aria-hidden className="hidden gap-4 border-b border-line px-3 py-2 text-sm font-medium text-muted md:grid md:grid-cols-[10rem_14rem_minmax(0,1fr)_14rem]">
          <span>When</span>
          <span>Who</span>
          <span>What</span>
          <span>Email</span>
        </div>
        <ol aria-label="Audit log entries, newest first" className="divide-y divide-line text-sm">
          {entries.map((e) => (
            <li key={e.id} className="grid gap-x-4 gap-y-1 px-3 py-2.5 md:grid-cols-[10rem_14rem_minmax(0,1fr)_14rem]">
              <div className="text-muted md:text-fg">
                <DateTime at={e.at} />
                {e.count > 1 ? (
                  <span className="block text-xs text-muted">
                    from <DateTime at={e.firstAt} />
                  </span>
                ) : null}
              </div>
              <Actor actor={e.actor} />
              <div className="min-w-0">
                <p className="font-medium">
                  {e.label}
                  {e.count > 1 ? <span className="ml-2 rounded-full border border-line px-1.5 text-xs font-normal text-muted">{e.count} entries</span> : null}
                </p>
                {e.summary !== e.label ? <p className="text-muted [overflow-wrap:anywhere]">{e.summary}</p> : null}
              </div>
              <div className="min-w-0">
                {e.itemId ? (
                  <Link className="text-accent underline [overflow-wrap:anywhere]" href={`/emails/${e.itemId}`}>
                    {e.subject ?? "Open the email"}
                  </Link>
                ) : (
                  <span className="text-muted">
                    <span aria-hidden>—</span>
                    <span className="sr-only">No email</span>
                  </span>
                )}
              </div>
            </li>
          ))}
        </ol>
        {entries.length === 0 ? <p className="p-6 text-center text-sm text-muted">No activity matches these filters.</p> : null}
      </div>
      {nextBefore ? (
        <Link
          className="inline-block rounded border border-line bg-panel px-3 py-1.5 text-sm"
          href={`/activity?${new URLSearchParams({ ...Object.fromEntries(query), before: String(nextBefore) })}`}
        >
          Older →
        </Link>
      ) : null}
    </section>
  );
}

function Actor({ actor }: { actor: ActorView }) {
  if (actor.kind !== "person") {
    return (
      <div className="min-w-0">
        <span className="font-medium">{actor.name}</span>
      </div>
    );
  }
  return (
    <div className="min-w-0">
      {actor.name ? <span className="block font-medium">{actor.name}</span> : null}
      <span className={`block [overflow-wrap:anywhere] ${actor.name ? "text-xs text-muted" : "font-medium"}`}>{actor.email}</span>
    </div>
  );
}
