// Query keys and client queryOptions of the inbox and contacts; the server prefetches under the same keys.
// Types only from schemas.ts: importing its values would put zod in the browser bundle.
import { queryOptions } from "@tanstack/react-query";
import { getJson } from "@/lib/http/get-json";
import type { ContactSearch, ContactTimeline, EmailFilters, EmailPage, MailboxList, ThreadMessage, ThreadView } from "./schemas";

function normaliseFilters(f: Partial<EmailFilters>) {
  return {
    direction: f.direction ?? "",
    status: f.status ?? "",
    sender: f.sender ?? "",
    subject: f.subject ?? "",
    after: f.after ?? "",
    before: f.before ?? "",
    cursor: f.cursor ?? "",
  };
}

export const inboxKeys = {
  all: ["inbox"] as const,
  mailboxes: () => [...inboxKeys.all, "mailboxes"] as const,
  emailLists: (mailboxId: string) => [...inboxKeys.all, "emails", mailboxId] as const,
  emails: (mailboxId: string, filters: Partial<EmailFilters>) => [...inboxKeys.emailLists(mailboxId), normaliseFilters(filters)] as const,
  threads: (mailboxId: string) => [...inboxKeys.all, "thread", mailboxId] as const,
  thread: (mailboxId: string, threadId: string) => [...inboxKeys.threads(mailboxId), threadId] as const,
  message: (mailboxId: string, emailId: string, remote: boolean) => [...inboxKeys.all, "message", mailboxId, emailId, { remote }] as const,
};

export const contactKeys = {
  all: ["contacts"] as const,
  search: (q: string) => [...contactKeys.all, "search", q] as const,
  contact: (email: string) => [...contactKeys.all, "contact", email.toLowerCase()] as const,
};

const seg = encodeURIComponent;
export const mailboxPath = (mailboxId: string) => `/api/inbox/mailboxes/${seg(mailboxId)}`;

export function mailboxesQuery() {
  return queryOptions({ queryKey: inboxKeys.mailboxes(), queryFn: () => getJson<MailboxList>("/api/inbox/mailboxes") });
}

export function mailboxEmailsQuery(mailboxId: string, filters: Partial<EmailFilters>) {
  const params = new URLSearchParams(Object.entries(normaliseFilters(filters)).filter(([, v]) => v !== ""));
  return queryOptions({
    queryKey: inboxKeys.emails(mailboxId, filters),
    queryFn: () => getJson<EmailPage>(`${mailboxPath(mailboxId)}/emails?${params}`),
  });
}

export function threadQuery(mailboxId: string, threadId: string) {
  return queryOptions({
    queryKey: inboxKeys.thread(mailboxId, threadId),
    queryFn: () => getJson<ThreadView>(`${mailboxPath(mailboxId)}/threads/${seg(threadId)}`),
  });
}

/** Opens one message: MultiMail marks an unread message read when it is fetched (§2.2). */
export function messageQuery(mailboxId: string, emailId: string, remote: boolean) {
  return queryOptions({
    queryKey: inboxKeys.message(mailboxId, emailId, remote),
    queryFn: () => getJson<ThreadMessage>(`${mailboxPath(mailboxId)}/emails/${seg(emailId)}${remote ? "?remote=1" : ""}`),
    staleTime: Infinity,
  });
}

export const attachmentHref = (mailboxId: string, emailId: string, filename: string) => `${mailboxPath(mailboxId)}/emails/${seg(emailId)}/attachments/${seg(filename)}`;

export function contactSearchQuery(q: string) {
  return queryOptions({
    queryKey: contactKeys.search(q),
    queryFn: () => getJson<ContactSearch>(`/api/contacts?${new URLSearchParams(q ? { q } : {})}`),
  });
}

export function contactQuery(email: string) {
  return queryOptions({
    queryKey: contactKeys.contact(email),
    queryFn: () => getJson<ContactTimeline>(`/api/contacts/${seg(email.toLowerCase())}`),
  });
}

export const contactHref = (email: string) => `/contacts/${seg(email.toLowerCase())}`;
export const threadHref = (mailboxId: string, threadId: string) => `/inbox/${seg(mailboxId)}/threads/${seg(threadId)}`;
