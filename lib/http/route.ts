// Wraps every route handler: a request id, a scoped logger, the access check (a role, or "public"
// for routes that authenticate by signature), and errors turned into one JSON shape (error-reply.ts).
import { NextResponse, type NextRequest } from "next/server";
import type { Logger } from "pino";
import type { Role } from "@/lib/auth/roles";
import { assertRole, userFromRequest, type CurrentUser } from "@/lib/auth/session";
import { logger } from "@/lib/logger";
import { errorReply } from "./error-reply";
import { requestIdFrom } from "./request-id";

export interface RouteContext<P> {
  params: P;
  requestId: string;
  log: Logger;
  /** The signed-in user; null only on "public" routes. */
  user: CurrentUser | null;
}

type Handler<P> = (request: NextRequest, ctx: RouteContext<P>) => Promise<Response>;

export interface RouteOptions {
  /** Who may call it. "public" routes must authenticate the caller themselves (signatures). */
  access: Role | "public";
}

export function route<P = Record<string, never>>(scope: string, options: RouteOptions, handler: Handler<P>) {
  return async (request: NextRequest, segment: { params: Promise<P> }): Promise<Response> => {
    const requestId = requestIdFrom(request.headers.get("x-request-id"));
    const log = logger.child({ scope, requestId });
    try {
      const user = options.access === "public" ? null : assertRole(await userFromRequest(request), options.access);
      const params = (await segment?.params) ?? ({} as P);
      const response = await handler(request, { params, requestId, log, user });
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      const { status, body, headers } = errorReply(error, log);
      return NextResponse.json(body, { status, headers: { ...headers, "x-request-id": requestId } });
    }
  };
}
