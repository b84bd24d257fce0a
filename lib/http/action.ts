// Defines a Server Action: input parsed with zod, the signed-in user's role checked inside the
// action, the use case run, and `{data}` or `{error:{code,message}}` returned (never a stack trace).
import "server-only";
import type { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import { assertRole, currentUser, type CurrentUser } from "@/lib/auth/session";
import { AppError, toErrorBody } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { ActionResult } from "./action-result";

export function defineAction<S extends z.ZodType, T>(
  name: string,
  options: { role: Role; input: S },
  body: (input: z.infer<S>, user: CurrentUser) => Promise<T>,
): (raw: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const user = assertRole(await currentUser(), options.role);
      const parsed = options.input.safeParse(raw);
      if (!parsed.success) throw new AppError("validation", parsed.error.issues.map((i) => i.message).join(" "));
      return { data: await body(parsed.data, user) };
    } catch (error) {
      const { status, body: err } = toErrorBody(error);
      if (status >= 500) logger.error({ err: error, action: name }, "action failed");
      // Details say what a refusal asks for (a gate's confirmation), as route handlers' error bodies do.
      return { error: { code: err.error.code, message: err.error.message, ...(err.error.details ? { details: err.error.details } : {}) } };
    }
  };
}
