// A link to what makes a held draft stale: the customer's newer message (its thread) or their new call.
import Link from "next/link";
import { threadHref } from "@/lib/inbox/queries";
import type { NewerActivity } from "@/lib/inbox/schemas";

function when(at: string) {
  return new Date(at).toLocaleString();
}

export function NewerLink({ newer }: { newer: NewerActivity }) {
  if (newer.kind === "call") {
    return (
      <span>
        <Link href={`/sessions/${encodeURIComponent(newer.roomSid)}`} className="text-accent underline">
          {newer.caller} called again
        </Link>{" "}
        <time dateTime={newer.at} className="text-muted" suppressHydrationWarning>
          {when(newer.at)}
        </time>
      </span>
    );
  }
  const text = `${newer.from} wrote “${newer.subject || "(no subject)"}”`;
  return (
    <span>
      {newer.threadId ? (
        <Link href={threadHref(newer.mailboxId, newer.threadId)} className="text-accent underline">
          {text}
        </Link>
      ) : (
        text
      )}{" "}
      <time dateTime={newer.at} className="text-muted" suppressHydrationWarning>
        {when(newer.at)}
      </time>
    </span>
  );
}
