// Email addresses as contacts are keyed: the bare address, lower-cased, whatever display name or
// mailto: prefix the source wrapped it in. Client-safe.

const plain = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** `"Maria" <Maria@Example.com>` → `maria@example.com`; null when there is no address in it. */
export function addressOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const bracketed = /<([^<>]+)>/.exec(value)?.[1];
  const raw = (bracketed ?? value)
    .trim()
    .replace(/^mailto:/i, "")
    .toLowerCase();
  return plain.test(raw) ? raw : null;
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own characters escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A path segment as Next hands it over, decoded once more if it still carries escapes; never throws. */
export function decodeSegment(value: string): string {
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Whether two recipient lists name the same addresses, in any order and case. */
export function sameAddresses(a: readonly string[], b: readonly string[]): boolean {
  const norm = (list: readonly string[]) => [...new Set(list.map((x) => addressOf(x) ?? x.trim().toLowerCase()))].sort().join("\n");
  return norm(a) === norm(b);
}
