// The review page of one held email: draft, session, actions and history.
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { ReviewView } from "@/components/review/review-view";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getItemEvidence } from "@/lib/livekit/data";
import { itemEvidenceQuery } from "@/lib/livekit/queries";
import { getQueryClient } from "@/lib/query/get-query-client";
import { getItemDetail } from "@/lib/review/data";
import { itemQuery } from "@/lib/review/queries";

export const dynamic = "force-dynamic";

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("viewer");
  const { id } = await params;
  const db = await getDb();
  const detail = await getItemDetail(db, id);
  if (!detail) notFound();
  const queryClient = getQueryClient();
  queryClient.setQueryData(itemQuery(id).queryKey, detail);
  // The evidence checks show first, so they are rendered with the page rather than fetched after it.
  const evidence = await getItemEvidence(db, id);
  if (evidence) queryClient.setQueryData(itemEvidenceQuery(id).queryKey, evidence);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ReviewView key={id} id={id} canDecide={hasRole(user.role, "reviewer")} />
    </HydrationBoundary>
  );
}
