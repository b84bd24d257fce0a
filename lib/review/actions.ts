"use server";
// Server Actions for the review page: schema in, actor resolved inside, a lib/review use case,
// `{data}` or `{error}` out. Delivery to MultiMail is attempted at once and retried by the worker.
import { currentActor } from "@/lib/auth/current-actor";
import { getDb } from "@/lib/db/client";
import { AppError, toErrorBody } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { oversightClient, sendClient } from "@/lib/multimail/connection";
import { kickOutbox } from "@/lib/worker";
import { decideEmail } from "./decide-email";
import { deliverDecision, type DeliveryResult } from "./deliver-decision";
import { editAndApprove } from "./edit-email";
import { approveInputSchema, editInputSchema, rejectInputSchema, type ActionResult } from "./schemas";

const log = logger.child({ scope: "review-actions" });

async function run<T>(name: string, body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { data: await body() };
  } catch (error) {
    const { status, body: err } = toErrorBody(error);
    if (status >= 500) log.error({ err: error, action: name }, "action failed");
    return { error: { code: err.error.code, message: err.error.message } };
  }
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError("validation", result.error.issues.map((i) => i.message).join(" "));
  return result.data;
}

/** Tries to deliver now so the reviewer usually sees "sent"; a failure leaves it to the outbox. */
async function deliverNow(decisionId: string): Promise<DeliveryResult> {
  try {
    return await deliverDecision(await getDb(), oversightClient(), decisionId);
  } catch (error) {
    log.warn({ err: error, decisionId }, "immediate delivery failed; the outbox will retry");
    return "retrying";
  } finally {
    kickOutbox();
  }
}

export async function approveEmailAction(input: unknown) {
  return run("approve", async () => {
    const { itemId, emailId } = parse(approveInputSchema, input);
    const actor = await currentActor();
    const { decisionId } = await decideEmail(await getDb(), { itemId, emailId, action: "approve", actor: actor.label });
    return { delivery: await deliverNow(decisionId) };
  });
}

export async function rejectEmailAction(input: unknown) {
  return run("reject", async () => {
    const { itemId, emailId, reason } = parse(rejectInputSchema, input);
    const actor = await currentActor();
    const { decisionId } = await decideEmail(await getDb(), {
      itemId,
      emailId,
      action: "reject",
      reason: `${reason} (rejected by ${actor.label} in Countersign)`,
      actor: actor.label,
    });
    return { delivery: await deliverNow(decisionId) };
  });
}

export async function editEmailAction(input: unknown) {
  return run("edit", async () => {
    const parsed = parse(editInputSchema, input);
    sendClient(); // refuse early, before anything is recorded, when no send key is configured
    const actor = await currentActor();
    const result = await editAndApprove(await getDb(), { ...parsed, actor: actor.label });
    return { revision: result.number, delivery: await deliverNow(result.decisionId) };
  });
}
