// One thread: every message in order, read state, held and rejected drafts, delivery, and a reply box.
import type { Metadata } from "next";
import { threadTitle } from "@/lib/page-titles";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { ThreadView } from "@/components/inbox/thread-view";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getThreadView } from "@/lib/inbox/get-thread";
import { threadQuery } from "@/lib/inbox/queries";
import { isMultiMailConfigured, oversightClient } from "@/lib/multimail/connection";
import { getQueryClient } from "@/lib/query/get-query-client";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ threadId: string }> }): Promise<Metadata> {
  return { title: await threadTitle((await params).threadId) };
}

export default async function ThreadPage({ params }: { params: Promise<{ mailboxId: string; threadId: string }> }) {
  const user = await requirePageUser("viewer");
  const { mailboxId, threadId } = await params;
  if (!isMultiMailConfigured()) notFound();
  const queryClient = getQueryClient();
  try {
    queryClient.setQueryData(threadQuery(mailboxId, threadId).queryKey, await getThreadView(await getDb(), oversightClient(), mailboxId, threadId));
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ThreadView mailboxId={mailboxId} threadId={threadId} canReply={hasRole(user.role, "reviewer")} />
    </HydrationBoundary>
  );
}
