// The browser's reader of our GET routes (client-safe): JSON on success, our error message otherwise.
// `T` is the route's own DTO type: our routes build their answers from the same TypeScript types
// (lib/<domain>/data.ts), so the browser trusts them rather than shipping zod to parse them again.
export async function getJson<T = unknown>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `Request failed (${response.status})`;
    throw new Error(message);
  }
  return body as T;
}
