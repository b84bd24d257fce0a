// The queue (home page): held emails oldest first, filters and cursor in the URL.
import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { QueueView } from "@/components/queue/queue-view";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { isMultiMailConfigured } from "@/lib/multimail/connection";
import { getQueryClient } from "@/lib/query/get-query-client";
import { listQueue } from "@/lib/review/data";
import { reviewKeys } from "@/lib/review/queries";
import { queueFiltersSchema } from "@/lib/review/schemas";

export const metadata: Metadata = { title: "Queue" };
export const dynamic = "force-dynamic";

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("viewer");
  const raw = await searchParams;
  const filters = queueFiltersSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const queryClient = getQueryClient();
  const db = await getDb();
  await queryClient.prefetchQuery({ queryKey: reviewKeys.queue(filters), queryFn: () => listQueue(db, filters, isMultiMailConfigured()) });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <QueueView canDecide={hasRole(user.role, "reviewer")} denied={raw.denied === "1"} />
    </HydrationBoundary>
  );
}
