// Text PostgreSQL cannot store: U+0000 (refused in text and jsonb) and lone UTF-16 surrogates (invalid
// in UTF-8 and in jsonb escapes). Free text is cleaned at the edge; identifiers holding them are refused.
const NUL = /\u0000/g;

export function hasUnstorable(text: string): boolean {
  return text.includes("\u0000") || !text.isWellFormed();
}

/** Drops U+0000 and replaces lone surrogates with U+FFFD. */
export function storableText(text: string): string {
  const clean = text.includes("\u0000") ? text.replace(NUL, "") : text;
  return clean.isWellFormed() ? clean : clean.toWellFormed();
}

/** The same for every string (keys too) in a JSON value. */
export function storableJson<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storableJson) as T;
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[storableText(key)] = storableJson(inner);
    return out as T;
  }
  return value;
}
