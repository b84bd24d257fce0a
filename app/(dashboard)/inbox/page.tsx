// The inbox: the team's MultiMail mailboxes with their oversight mode and held and unread mail.
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { MailboxList } from "@/components/inbox/mailbox-list";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listInboxMailboxes } from "@/lib/inbox/list-mailboxes";
import { mailboxesQuery } from "@/lib/inbox/queries";
import { isMultiMailConfigured, oversightClient } from "@/lib/multimail/connection";
import { getQueryClient } from "@/lib/query/get-query-client";

export const metadata: Metadata = { title: "Inbox" };
export const dynamic = "force-dynamic";

export default async function InboxPage() {
  await requirePageUser("viewer");
  const queryClient = getQueryClient();
  const db = await getDb();
  await queryClient.prefetchQuery({ queryKey: mailboxesQuery().queryKey, queryFn: () => listInboxMailboxes(db, isMultiMailConfigured() ? oversightClient() : null) });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <MailboxList />
    </HydrationBoundary>
  );
}
