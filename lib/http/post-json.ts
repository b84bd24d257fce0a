// The browser's writer to our POST routes (client-safe): the JSON answer on success; otherwise an
// ActionError with the route's code, message and details, as a refused Server Action gives.
import type { ActionError } from "./action-result";

export async function postJson<T = unknown>(url: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });
  } catch {
    throw Object.assign(new Error("Countersign could not be reached: check the connection and try again."), { code: "network" }) as ActionError;
  }
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (answer as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
    throw Object.assign(new Error(error?.message ?? `Request failed (${response.status})`), {
      code: error?.code ?? "http_error",
      details: error?.details,
    }) as ActionError;
  }
  return answer as T;
}
