// One contact: their calls, the emails written to them and the ones they sent, on one timeline.
import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { ContactTimelineView } from "@/components/contacts/contact-timeline";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { decodeSegment } from "@/lib/inbox/addresses";
import { getContactTimeline } from "@/lib/inbox/get-contact-timeline";
import { contactQuery } from "@/lib/inbox/queries";
import { getQueryClient } from "@/lib/query/get-query-client";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ email: string }> }): Promise<Metadata> {
  return { title: `Contact: ${decodeSegment((await params).email).toLowerCase()}` };
}

export default async function ContactPage({ params }: { params: Promise<{ email: string }> }) {
  await requirePageUser("viewer");
  const email = decodeSegment((await params).email).toLowerCase();
  const timeline = await getContactTimeline(await getDb(), email);
  if (!timeline) notFound();
  const queryClient = getQueryClient();
  queryClient.setQueryData(contactQuery(timeline.contact.email).queryKey, timeline);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ContactTimelineView email={timeline.contact.email} />
    </HydrationBoundary>
  );
}
