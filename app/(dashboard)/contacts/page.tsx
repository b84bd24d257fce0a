// Contacts: everyone Countersign has seen by email address, searchable by address or name.
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { ContactsView } from "@/components/contacts/contacts-view";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { contactSearchQuery } from "@/lib/inbox/queries";
import { searchContacts } from "@/lib/inbox/search-contacts";
import { getQueryClient } from "@/lib/query/get-query-client";

export const metadata: Metadata = { title: "Contacts" };
export const dynamic = "force-dynamic";

export default async function ContactsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("viewer");
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 200) ?? "";
  const queryClient = getQueryClient();
  const db = await getDb();
  await queryClient.prefetchQuery({ queryKey: contactSearchQuery(q).queryKey, queryFn: async () => ({ q, contacts: await searchContacts(db, q) }) });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ContactsView />
    </HydrationBoundary>
  );
}
