// The voice session page: transcript timeline, participants, recordings and the call's emails.
import type { Metadata } from "next";
import { sessionTitle } from "@/lib/page-titles";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { SessionView } from "@/components/session/session-view";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getSessionDetail } from "@/lib/livekit/data";
import { sessionQuery } from "@/lib/livekit/queries";
import { getQueryClient } from "@/lib/query/get-query-client";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ sid: string }> }): Promise<Metadata> {
  return { title: await sessionTitle((await params).sid) };
}

export default async function SessionPage({ params }: { params: Promise<{ sid: string }> }) {
  await requirePageUser("viewer");
  const { sid } = await params;
  const detail = await getSessionDetail(await getDb(), sid);
  if (!detail) notFound();
  const queryClient = getQueryClient();
  queryClient.setQueryData(sessionQuery(sid).queryKey, detail);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <SessionView roomSid={sid} />
    </HydrationBoundary>
  );
}
