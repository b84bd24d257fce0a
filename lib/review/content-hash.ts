// A stable fingerprint of an email's reviewable content, to prove a re-sent email is the approved revision.
import { createHash } from "node:crypto";

export interface ReviewableContent {
  subject: string;
  markdown: string;
  to: string[];
  cc: string[];
}

const addresses = (list: string[]) =>
  list
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean)
    .sort();

export function contentHash(content: ReviewableContent): string {
  const normalised = {
    subject: content.subject.trim(),
    markdown: content.markdown.replace(/\r\n/g, "\n").trim(),
    to: addresses(content.to),
    cc: addresses(content.cc),
  };
  return createHash("sha256").update(JSON.stringify(normalised)).digest("hex");
}
