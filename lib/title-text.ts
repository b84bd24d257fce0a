// A tab title's words (client-safe): the server's page metadata and the review page's in-place
// moves between emails name an email the same way.
const MAX = 80;

/** One line of at most 80 characters. */
export function clipTitle(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX ? `${flat.slice(0, MAX - 1)}…` : flat;
}

/** "Review: Your appointment on Tuesday" */
export function reviewTitleText(subject: string): string {
  return `Review: ${clipTitle(subject || "(no subject)")}`;
}
