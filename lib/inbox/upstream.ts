// MultiMail failures as the inbox's routes and actions report them: a missing email or thread is a
// 404, a refused request says what MultiMail said, anything else is "MultiMail did not answer" (502).
import { AppError } from "@/lib/errors";
import { MultiMailError } from "@/lib/multimail/errors";

export function asAppError(error: unknown, notFound = "MultiMail has no such email or thread."): unknown {
  if (!(error instanceof MultiMailError)) return error;
  if (error.kind === "not_found") return new AppError("not_found", notFound);
  if (error.kind === "validation") return new AppError("validation", `MultiMail refused: ${error.message}`);
  if (error.kind === "conflict") return new AppError("conflict", `MultiMail refused: ${error.message}`);
  // 403 covers a read_only mailbox as well as a key without the scope (multimail-api.md §1).
  if (error.kind === "forbidden") return new AppError("validation", `MultiMail refused: ${error.message}`);
  if (error.kind === "unauthorized") return new AppError("upstream", `MultiMail refused the key: ${error.message}`);
  return new AppError("upstream", `MultiMail did not answer: ${error.message}`);
}

/** Runs a MultiMail call, turning its failure into an AppError. */
export async function upstream<T>(call: () => Promise<T>, notFound?: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asAppError(error, notFound);
  }
}
