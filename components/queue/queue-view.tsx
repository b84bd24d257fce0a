"use client";
// The queue: filter tabs, search, the table of held emails, keyboard navigation (j/k, Enter, /, x),
// bulk decisions on a selection, and each held email's SLA countdown ("Due first" on request).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { CursorPager } from "@/components/ui/cursor-pager";
import { useShortcuts } from "@/components/keyboard/shortcuts";
import { DecisionNotice } from "@/components/review/decision-notice";
import { undoShortcut, useUndo } from "@/components/review/use-undo";
import { Kbd } from "@/components/ui/kbd";
import { useLiveUpdates } from "@/components/realtime/use-live-updates";
import type { BulkDecideResult } from "@/lib/review/bulk-result";
import { queueQuery, reviewKeys } from "@/lib/review/queries";
import { queueStates } from "@/lib/review/queue-filters";
import { BULK_CAP, BulkBar, BulkResultPanel, type BulkTarget } from "./bulk-bar";
import { QueueEmpty } from "./queue-empty";
import { QueueTable, type QueueSelection } from "./queue-table";
import { useQueueFilters } from "./use-queue-filters";

const stateLabels: Record<(typeof queueStates)[number], string> = {
  pending: "Held",
  edited: "Edited",
  approved: "Approved",
  rejected: "Rejected",
  decided_elsewhere: "Decided elsewhere",
  all: "All",
};

export function QueueView({ canDecide, denied }: { canDecide: boolean; denied: boolean }) {
  const { filters, setFilters } = useQueueFilters();
  const live = useLiveUpdates();
  const { data, error, isFetching } = useQuery({ ...queueQuery(filters), placeholderData: (prev) => prev });
  const [search, setSearch] = useState(filters.q ?? "");
  const searchRef = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const [cursors, setCursors] = useState<string[]>([]);
  const queryClient = useQueryClient();
  // The decision taken on the queue's last email is reported here, with Undo while it lasts.
  const undo = useUndo();
  useShortcuts([undoShortcut(undo)]);

  // The selection belongs to one filter: changing tab, mailbox, search or problems starts afresh.
  const filterKey = JSON.stringify([filters.state, filters.mailbox ?? "", filters.q ?? "", filters.findings ?? "", filters.sort ?? ""]);
  // `seen`: the email each selected item showed when it was picked, so a bulk decision never decides one replaced since (a re-sent edit).
  const [picked, setPicked] = useState<Picked>(() => nothingPicked(filterKey));
  const selection = picked.key === filterKey ? picked : nothingPicked(filterKey);
  const [bulkResult, setBulkResult] = useState<BulkDecideResult | null>(null);
  const selectable = canDecide && filters.state === "pending";
  const shown = useMemo(() => new Map((data?.rows ?? []).map((r) => [r.id, r.emailId])), [data]);
  const setSelected = useCallback(
    (ids: string[], on: boolean) =>
      setPicked((prev) => {
        const next = new Set(prev.key === filterKey ? prev.ids : []);
        const seen = new Map(prev.key === filterKey ? prev.seen : []);
        for (const id of ids) {
          const emailId = shown.get(id);
          if (on) next.add(id);
          else next.delete(id);
          if (on && emailId) seen.set(id, emailId);
          else seen.delete(id);
        }
        return { key: filterKey, ids: next, seen, allMatching: false };
      }),
    [filterKey, shown],
  );
  const clearSelection = useCallback(() => setPicked(nothingPicked(filterKey)), [filterKey]);
  const tableSelection = useMemo<QueueSelection>(() => ({ enabled: selectable, ids: selection.ids, set: setSelected }), [selectable, selection.ids, setSelected]);

  useEffect(() => {
    const handle = setTimeout(() => {
      if ((filters.q ?? "") !== search) setFilters({ q: search || undefined });
    }, 250);
    return () => clearTimeout(handle);
  }, [search, filters.q, setFilters]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "/" && !(event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement)) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <section aria-labelledby="queue-title" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="queue-title" className="text-xl font-semibold">
            Review queue
          </h1>
          <p className="text-sm text-muted">
            {data
              ? `${countLabel(data.counts.pending, data.counts.limit)} held${data.counts.edited ? ` · ${countLabel(data.counts.edited, data.counts.limit)} edited` : ""}${data.counts.resending ? ` (${countLabel(data.counts.resending, data.counts.limit)} re-sending)` : ""}`
              : "Loading…"}
            {data && data.counts.overdue > 0 ? (
              <span className="ml-1 font-medium text-bad" data-testid="overdue-count">
                · <span aria-hidden>⚠</span> {countLabel(data.counts.overdue, data.counts.limit)} overdue
              </span>
            ) : null}
            <span className="ml-2 inline-flex items-center gap-1" aria-live="polite">
              <span aria-hidden className={`h-2 w-2 rounded-full ${live === "live" ? "bg-ok" : live === "connecting" ? "bg-warn" : "bg-bad"}`} />
              {live === "live" ? "Live" : live === "connecting" ? "Connecting…" : "Offline: reload to refresh"}
            </span>
          </p>
        </div>
        <p className="hidden text-xs text-muted md:block">
          <Kbd>j</Kbd>/<Kbd>k</Kbd> move · <Kbd>Enter</Kbd> open · <Kbd>/</Kbd> search
          {selectable ? (
            <>
              {" "}
              · <Kbd>x</Kbd> select
            </>
          ) : null}
        </p>
      </div>

      <div className="flex flex-wrap items-center gap-2">
        <div role="tablist" aria-label="State" className="flex flex-wrap gap-1 rounded-md border border-line bg-panel p-1">
          {queueStates.map((state) => (
            <button
              key={state}
              role="tab"
              aria-selected={filters.state === state}
              onClick={() => {
                setCursors([]);
                setFilters({ state });
              }}
              className={`rounded px-2.5 py-1 text-sm ${filters.state === state ? "bg-accent text-accent-fg" : "text-muted hover:text-fg"}`}
            >
              {stateLabels[state]}
            </button>
          ))}
        </div>
        <label className="flex items-center gap-2 text-sm">
          <span className="text-muted">Mailbox</span>
          <select
            className="max-w-[16rem] rounded-md border border-line bg-panel px-2 py-1.5"
            value={filters.mailbox ?? ""}
            onChange={(e) => {
              setCursors([]);
              setFilters({ mailbox: e.target.value || undefined });
            }}
          >
            <option value="">All mailboxes</option>
            {data?.mailboxes.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 rounded-md border border-line bg-panel px-2.5 py-1.5 text-sm">
          <input
            type="checkbox"
            className="h-4 w-4 accent-[var(--accent)]"
            checked={filters.findings === "with"}
            onChange={(e) => {
              setCursors([]);
              setFilters({ findings: e.target.checked ? "with" : undefined });
            }}
          />
          With problems only
        </label>
        {filters.state === "pending" ? (
          <label className="flex items-center gap-2 text-sm">
            <span className="text-muted">Order</span>
            <select
              className="rounded-md border border-line bg-panel px-2 py-1.5"
              value={filters.sort ?? ""}
              onChange={(e) => {
                setCursors([]);
                setFilters({ sort: e.target.value === "due" ? "due" : undefined });
              }}
            >
              <option value="">Held longest first</option>
              <option value="due">Due first</option>
            </select>
          </label>
        ) : null}
        <label className="ml-auto flex min-w-[16rem] flex-1 items-center gap-2 text-sm sm:flex-none">
          <span className="sr-only">Search by words of the subject, an address, the caller or the draft</span>
          <input
            ref={searchRef}
            type="search"
            value={search}
            onChange={(e) => {
              setCursors([]);
              setSearch(e.target.value);
            }}
            placeholder="Search subject, address, caller, draft"
            className="w-full rounded-md border border-line bg-panel px-3 py-1.5"
          />
        </label>
      </div>

      <DecisionNotice onUndo={() => void undo()} />
      {denied ? (
        <p role="alert" className="rounded-md border border-warn/50 bg-panel p-3 text-sm">
          That page needs a role you do not have.
        </p>
      ) : null}
      {!canDecide ? (
        <p className="rounded-md border border-line bg-panel p-3 text-sm text-muted">You have read-only access: you can open every email but not decide.</p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-bad/40 bg-panel p-4 text-sm text-bad">
          Could not load the queue: {error.message}
        </p>
      ) : null}

      {bulkResult ? <BulkResultPanel result={bulkResult} onDismiss={() => setBulkResult(null)} /> : null}
      {selectable && data && (selection.ids.size > 0 || selection.allMatching) ? (
        <BulkBar
          target={bulkTarget(selection, filters, data.counts.matching, data.counts.limit)}
          onSelectAllMatching={
            !selection.allMatching && data.counts.matching > selection.ids.size && data.rows.every((r) => selection.ids.has(r.id))
              ? () => setPicked({ ...nothingPicked(filterKey), ids: new Set(data.rows.map((r) => r.id)), allMatching: true })
              : undefined
          }
          matchingLabel={`Select all ${countLabel(data.counts.matching, data.counts.limit)} held emails matching this filter${data.counts.matching > BULK_CAP ? ` (up to ${BULK_CAP} per decision)` : ""}`}
          onClear={clearSelection}
          onDone={(result) => {
            setBulkResult(result);
            clearSelection();
            void queryClient.invalidateQueries({ queryKey: reviewKeys.queues() });
          }}
        />
      ) : null}

      {data && data.rows.length === 0 ? (
        <QueueEmpty configured={data.configured} filtered={filters.state !== "pending" || Boolean(filters.q) || Boolean(filters.mailbox) || Boolean(filters.findings)} />
      ) : data ? (
        <QueueTable rows={data.rows} busy={isFetching} onOpen={(id) => router.push(`/emails/${id}`)} selection={tableSelection} />
      ) : null}

      {data ? (
        <CursorPager
          trail={cursors}
          nextCursor={data.nextCursor}
          previousLabel="Previous"
          nextLabel="Next"
          onMove={(trail, cursor) => {
            setCursors(trail);
            setFilters({ cursor });
          }}
        />
      ) : null}
    </section>
  );
}

interface Picked {
  key: string;
  ids: Set<string>;
  seen: Map<string, string>;
  allMatching: boolean;
}

function nothingPicked(key: string): Picked {
  return { key, ids: new Set(), seen: new Map(), allMatching: false };
}

function bulkTarget(selection: Picked, filters: ReturnType<typeof useQueueFilters>["filters"], matching: number, countLimit: number): BulkTarget {
  if (selection.allMatching) return { kind: "filter", filters, matching, countLimit };
  return { kind: "ids", ids: [...selection.ids], seen: Object.fromEntries(selection.seen) };
}

/** "10,000+" once a count passes the server's limit (lib/review/data.ts). */
function countLabel(n: number, limit: number): string {
  return n > limit ? `${limit.toLocaleString("en-US")}+` : n.toLocaleString("en-US");
}
