// The review page of one held email: draft, session, actions and history. It streams: the shell goes
// out at once, and the server's reads (the item with its neighbours in the queue, its evidence
// checks, its history, the reviewer's keyboard setting, the undo period) start together and never
// wait for one another. The item, the evidence and the history reach the browser as pending queries
// that each panel suspends on in its own boundary. From here on the page moves between emails in
// place (review-view.tsx): the next email was prefetched, so a decision shows it at once without a
// server render.
import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ReviewSkeleton } from "@/components/review/review-skeleton";
import { ReviewView } from "@/components/review/review-view";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getItemEvidence } from "@/lib/livekit/data";
import { itemEvidenceQuery } from "@/lib/livekit/queries";
import { getUserPreferences } from "@/lib/preferences/data";
import { reviewTitle } from "@/lib/page-titles";
import { getQueryClient } from "@/lib/query/get-query-client";
import { getItemDetail, getItemHistory, itemExists } from "@/lib/review/data";
import { itemHistoryQuery, itemQuery } from "@/lib/review/queries";
import { undoGraceSeconds } from "@/lib/review/undo-grace";

export const dynamic = "force-dynamic";

/** The tab names the email; Next streams metadata, so it does not hold up the shell. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: await reviewTitle((await params).id) };
}

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const [user, { id }, db] = await Promise.all([requirePageUser("viewer"), params, getDb()]);
  // An unknown email is a real 404, answered before the shell streams out (which fixes the status at 200).
  if (!(await itemExists(db, id))) notFound();
  const queryClient = getQueryClient();
  // Not awaited: each is dehydrated while pending and resolves in the browser when it arrives.
  void queryClient.prefetchQuery({ queryKey: itemQuery(id).queryKey, queryFn: () => getItemDetail(db, id) });
  void queryClient.prefetchQuery({ queryKey: itemEvidenceQuery(id).queryKey, queryFn: () => getItemEvidence(db, id) });
  void queryClient.prefetchQuery({ queryKey: itemHistoryQuery(id).queryKey, queryFn: () => getItemHistory(db, id) });
  const singleKeys = getUserPreferences(db, user.id).then((p) => p.singleKeyShortcuts);
  const undoSeconds = undoGraceSeconds(db);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <Suspense fallback={<ReviewSkeleton />}>
        <ReviewView key={id} id={id} canDecide={hasRole(user.role, "reviewer")} singleKeys={singleKeys} undoSeconds={undoSeconds} />
      </Suspense>
    </HydrationBoundary>
  );
}
