// One mailbox's messages: MultiMail's list with its filters and cursor pages, in the URL.
import type { Metadata } from "next";
import { mailboxTitle } from "@/lib/page-titles";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { MailboxEmailsView } from "@/components/inbox/mailbox-emails-view";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { listMailboxEmails } from "@/lib/inbox/list-mailbox-emails";
import { mailboxEmailsQuery } from "@/lib/inbox/queries";
import { emailFiltersSchema } from "@/lib/inbox/schemas";
import { isMultiMailConfigured, oversightClient } from "@/lib/multimail/connection";
import { getQueryClient } from "@/lib/query/get-query-client";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ mailboxId: string }> }): Promise<Metadata> {
  return { title: await mailboxTitle((await params).mailboxId) };
}

export default async function MailboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ mailboxId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("viewer");
  const { mailboxId } = await params;
  const raw = await searchParams;
  const filters = emailFiltersSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const queryClient = getQueryClient();
  if (isMultiMailConfigured()) {
    try {
      const page = await listMailboxEmails(await getDb(), oversightClient(), mailboxId, filters);
      queryClient.setQueryData(mailboxEmailsQuery(mailboxId, filters).queryKey, page);
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") notFound();
      // Anything else (MultiMail slow or down) is shown by the client query, with its message.
    }
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <MailboxEmailsView mailboxId={mailboxId} />
    </HydrationBoundary>
  );
}
