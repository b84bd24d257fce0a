// Default and strict behaviour where multimail-api.md is silent, switchable at start and at run time.
import { z } from "zod";
import type { EmulatorMode, EmulatorOptions } from "./types";

/**
 * What an outbound email's `status` is once sent is undocumented (§3, §6.13: no `sent` or
 * `delivered` status). The default mode stores the decide result `approved_and_sent` after an
 * approval and `sent` for ungated sends; strict mode stores a value no source names, so a client
 * can only tell a sent email by `approved_at`/`approved_by`, `delivered_at`/`bounced_at`.
 */
export const DEFAULT_STATUS_AFTER_APPROVAL = "approved_and_sent";
export const DEFAULT_STATUS_AFTER_SEND = "sent";
export const STRICT_STATUS_AFTER_SEND = "undocumented";

/** Statuses that would put a sent email back in the queue or look undecided; refused for the settings above. */
const NOT_AFTER_SEND = new Set(["pending_scan", "pending_send_approval", "pending_inbound_approval", "scheduled"]);

export function resolveMode(opts: Pick<EmulatorOptions, "strict" | "statusAfterApproval" | "statusAfterSend" | "pendingListKey">): EmulatorMode {
  const strict = opts.strict ?? false;
  const mode: EmulatorMode = {
    strict,
    statusAfterApproval: opts.statusAfterApproval ?? (strict ? STRICT_STATUS_AFTER_SEND : DEFAULT_STATUS_AFTER_APPROVAL),
    statusAfterSend: opts.statusAfterSend ?? (strict ? STRICT_STATUS_AFTER_SEND : DEFAULT_STATUS_AFTER_SEND),
    pendingListKey: opts.pendingListKey ?? "emails",
  };
  for (const status of [mode.statusAfterApproval, mode.statusAfterSend]) {
    if (!status || NOT_AFTER_SEND.has(status)) throw new Error(`Emulator: "${status}" cannot be the status of a sent email`);
  }
  return mode;
}

const sentStatus = z
  .string()
  .min(1)
  .max(64)
  .refine((s) => !NOT_AFTER_SEND.has(s), { message: "a sent email cannot hold a pending or scheduled status" });

/** `PATCH /__emulator/options`: `strict` alone resets both statuses to that mode's defaults. */
export const modePatchSchema = z.object({
  strict: z.boolean().optional(),
  status_after_approval: sentStatus.nullish(),
  status_after_send: sentStatus.nullish(),
  pending_list_key: z.enum(["emails", "pending"]).optional(),
});

export function patchMode(mode: EmulatorMode, patch: z.infer<typeof modePatchSchema>): EmulatorMode {
  const strictChanged = patch.strict !== undefined && patch.strict !== mode.strict;
  const keep = (given: string | null | undefined, current: string) => (given === null ? undefined : (given ?? (strictChanged ? undefined : current)));
  const next = resolveMode({
    strict: patch.strict ?? mode.strict,
    statusAfterApproval: keep(patch.status_after_approval, mode.statusAfterApproval),
    statusAfterSend: keep(patch.status_after_send, mode.statusAfterSend),
    pendingListKey: patch.pending_list_key ?? mode.pendingListKey,
  });
  Object.assign(mode, next);
  return mode;
}

export function modeView(mode: EmulatorMode): Record<string, unknown> {
  return {
    strict: mode.strict,
    status_after_approval: mode.statusAfterApproval,
    status_after_send: mode.statusAfterSend,
    pending_list_key: mode.pendingListKey,
  };
}
