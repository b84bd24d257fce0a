"use client";
// Contact search: by address or name, the query in the URL; each contact opens their timeline.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "@/lib/navigation";
import { useState } from "react";
import { useDebounced } from "@/components/inbox/use-debounced";
import { contactHref, contactSearchQuery } from "@/lib/inbox/queries";
import { DateTime } from "@/components/ui/date-time";

export function ContactsView() {
  const params = useSearchParams();
  const pathname = usePathname();
  const q = params.get("q")?.trim().slice(0, 200) ?? "";
  const [text, setText] = useState(q);
  // The URL follows the typing at once (history.replaceState: no server round trip, and no timer
  // left to undo a click that navigates away); the search waits for a pause.
  const search = (value: string) => {
    setText(value);
    const next = value.trim();
    window.history.replaceState(null, "", next ? `${pathname}?q=${encodeURIComponent(next)}` : pathname);
  };
  const settled = useDebounced(q, 250);
  const { data, error, isFetching } = useQuery({ ...contactSearchQuery(settled), placeholderData: (prev) => prev });

  return (
    <section aria-labelledby="contacts-title" className="space-y-4">
      <div>
        <h1 id="contacts-title" className="text-xl font-semibold">
          Contacts
        </h1>
        <p className="text-sm text-muted">Everyone who called, wrote in, or was written to. Each has one timeline of calls and emails.</p>
      </div>
      <form role="search" aria-label="Contacts" onSubmit={(e) => e.preventDefault()}>
        <label className="flex max-w-xl flex-col gap-1 text-sm">
          <span className="text-muted">Search by address or name</span>
          <input
            type="search"
            value={text}
            onChange={(e) => search(e.target.value)}
            placeholder="maria@example.com or Maria"
            className="rounded-md border border-line bg-panel px-3 py-1.5"
          />
        </label>
      </form>
      {error ? (
        <p role="alert" className="rounded-md border border-bad/40 bg-panel p-4 text-sm text-bad">
          Could not search: {error.message}
        </p>
      ) : null}
      {data && data.contacts.length === 0 ? (
        <p className="rounded-md border border-line bg-panel p-6 text-center text-sm text-muted">
          {settled ? `No contact matches “${settled}”.` : "No contacts yet: they appear with the first call or email."}
        </p>
      ) : data ? (
        <ul aria-label="Contacts found" className={`divide-y divide-line overflow-hidden rounded-md border border-line bg-panel ${isFetching ? "opacity-90" : ""}`}>
          {data.contacts.map((c) => (
            <li key={c.email}>
              <Link href={contactHref(c.email)} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-0.5 px-4 py-3 hover:bg-bg">
                <span className="min-w-0">
                  <span className="font-medium">{c.name ?? c.email}</span>
                  {c.name ? <span className="block break-all text-sm text-muted sm:ml-2 sm:inline">{c.email}</span> : null}
                </span>
                <span className="text-sm text-muted">
                  {c.lastActivityAt ? (
                    <>
                      Last seen <DateTime at={c.lastActivityAt} />
                    </>
                  ) : (
                    "No date"
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
