// The operator approval-code round trip shared by admin calls (multimail-api.md §2.4 "Approval-code flows").
import { ApiError, reply, type Reply } from "./http";
import type { EmulatorContext } from "./context";

/**
 * Without a code: issue one ("emailed to the operator", readable at GET /__emulator/approval-codes)
 * and answer 202. With a bad code: 403. With a good one: null, and the caller proceeds.
 * §6.16: the 202 body is undocumented beyond "pending_approval".
 */
export function operatorApproval(app: EmulatorContext, action: string, resource: string | null, code: string | null | undefined): Reply | null {
  if (!code) {
    const issued = app.store.issueApprovalCode(action, resource);
    app.log(`approval code for ${action}${resource ? ` (${resource})` : ""}: ${issued.code}`);
    return reply(202, {
      status: "pending_approval",
      message: "An approval code was sent to the operator email. Repeat the request with approval_code.",
    });
  }
  if (!app.store.consumeApprovalCode(code, action)) throw new ApiError(403, "Invalid or expired approval code");
  return null;
}
