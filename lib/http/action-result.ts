// What every Server Action returns (client-safe): data, or a coded error with a message to show.
export type ActionResult<T> = { data: T } | { error: { code: string; message: string; details?: Record<string, unknown> } };

/** A refused action as thrown by unwrapAction: the message to show, its code, and what the refusal asks for (e.g. a gate). */
export type ActionError = Error & { code: string; details?: Record<string, unknown> };

/** Unwraps an action result for useMutation: an error becomes a thrown Error, so the UI rolls back. */
export async function unwrapAction<T>(promise: Promise<ActionResult<T>>): Promise<T> {
  const result = await promise;
  if ("error" in result) throw Object.assign(new Error(result.error.message), { code: result.error.code, details: result.error.details }) as ActionError;
  return result.data;
}
