// The browser's reader of our GET routes (client-safe): JSON on success, our error message otherwise.
export async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `Request failed (${response.status})`;
    throw new Error(message);
  }
  return body;
}
