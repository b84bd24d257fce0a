// Runs work after the response is sent (Next's after()); outside a request scope, as in route
// tests and scripts, the work simply runs detached.
import { after } from "next/server";
import { logger } from "@/lib/logger";

export function afterResponse(work: () => Promise<void>): void {
  const guarded = () => work().catch((error: unknown) => logger.error({ err: error }, "work after the response failed"));
  try {
    after(guarded);
  } catch {
    void guarded();
  }
}
