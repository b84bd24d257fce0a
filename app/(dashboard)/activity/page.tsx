// Activity: the audit log, filtered by actor, action and date, with CSV export.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listActivity } from "@/lib/audit/list-activity";
import { activityFiltersSchema } from "@/lib/audit/schemas";
import { getDb } from "@/lib/db/client";

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
  const { rows, nextBefore } = await listActivity(await getDb(), filters);
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
      <div className="overflow-x-auto rounded-md border border-line bg-panel">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Audit log entries, newest first</caption>
          <thead className="border-b border-line text-muted">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                When
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Who
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                What
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Email
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Details
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {rows.map((r) => (
              <tr key={r.id} className="align-top">
                <td className="whitespace-nowrap px-3 py-2">
                  <time dateTime={r.at.toISOString()}>{r.at.toISOString().replace("T", " ").slice(0, 19)}</time>
                </td>
                <td className="px-3 py-2 break-all">{r.actor}</td>
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{r.action}</td>
                <td className="px-3 py-2">
                  {r.itemId ? (
                    <Link className="text-accent underline" href={`/emails/${r.itemId}`}>
                      open
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="max-w-[28rem] px-3 py-2">
                  <code className="line-clamp-2 break-all text-xs text-muted">{JSON.stringify(r.details)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="p-6 text-center text-sm text-muted">No activity matches these filters.</p> : null}
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
