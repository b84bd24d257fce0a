"use client";
// The reviewer's edit of the draft, held by the review page rather than the form, so the page knows
// when there are unsaved edits (Approve would send the unedited original) and can discard them. An
// edit belongs to one email: a newer version of the draft starts from its own content.
import { useState } from "react";
import type { EmailView } from "@/lib/review/schemas";

export interface DraftFields {
  to: string;
  cc: string;
  subject: string;
  markdown: string;
}

export interface EditedContent {
  subject: string;
  markdown: string;
  to: string[];
  cc: string[];
}

export interface EditDraft {
  fields: DraftFields;
  setField: (name: keyof DraftFields, value: string) => void;
  /** The edit differs from the email as held, by the server's own rules (lib/review/content-hash.ts). */
  dirty: boolean;
  /** The edit's recipients differ from the email's, so the server checks the new ones. */
  recipientsChanged: boolean;
  /** The recipients as one normalised list: a confirmation holds for exactly these. */
  recipientsKey: string;
  content: EditedContent;
  discard: () => void;
}

export const splitAddresses = (value: string) =>
  value
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

const fieldsOf = (email: EmailView): DraftFields => ({ to: email.to.join(", "), cc: email.cc.join(", "), subject: email.subject, markdown: email.markdown });
const addressKey = (list: string[]) => [...new Set(list.map((a) => a.trim().toLowerCase()))].sort().join(",");

/** What the server compares to decide whether an edit changes anything (lib/review/content-hash.ts). */
function normalised(content: EditedContent) {
  return JSON.stringify({
    subject: content.subject.trim(),
    markdown: content.markdown.replace(/\r\n/g, "\n").trim(),
    to: addressKey(content.to),
    cc: addressKey(content.cc),
  });
}

export function useEditDraft(email: EmailView | undefined): EditDraft | null {
  const [draft, setDraft] = useState<{ emailId: string; fields: DraftFields } | null>(null);
  if (!email) return null;
  const mine = draft?.emailId === email.id ? draft : null;
  const fields = mine?.fields ?? fieldsOf(email);
  const content = { subject: fields.subject, markdown: fields.markdown, to: splitAddresses(fields.to), cc: splitAddresses(fields.cc) };
  const recipientsKey = addressKey([...content.to, ...content.cc]);
  return {
    fields,
    setField: (name, value) => setDraft({ emailId: email.id, fields: { ...fields, [name]: value } }),
    dirty: mine !== null && normalised(content) !== normalised(email),
    recipientsChanged: recipientsKey !== addressKey([...email.to, ...email.cc]),
    recipientsKey,
    content,
    discard: () => setDraft(null),
  };
}
