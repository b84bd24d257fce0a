"use server";
// Server Actions of hooks (admins only): register and remove hooks, set a mailbox's Slack-compatible
// URL, and re-send a delivery from the log.
import { recordAuthEvent } from "@/lib/auth/record-auth-event";
import { actorLabel, type CurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { defineAction } from "@/lib/http/action";
import { resendHookDelivery } from "./deliver";
import { createHook, removeHook, setSlackTarget } from "./manage";
import { createHookInputSchema, removeHookInputSchema, resendDeliveryInputSchema, setSlackTargetInputSchema } from "./schemas";

/** Each change to where Countersign sends notifications, in the audit log (never the secret). */
async function audit(user: CurrentUser, hooks: string, details: Record<string, unknown>): Promise<void> {
  await recordAuthEvent(await getDb(), { action: "settings.changed", actor: actorLabel(user), details: { hooks, ...details } });
}

export const createHookAction = defineAction("hook.create", { role: "admin", input: createHookInputSchema }, async (input, user) => {
  const created = await createHook(await getDb(), { ...input, createdBy: actorLabel(user) });
  // The host only: a query string may carry the receiver's token.
  await audit(user, "hook registered", { host: new URL(input.url).host, events: input.events });
  return created;
});

export const removeHookAction = defineAction("hook.remove", { role: "admin", input: removeHookInputSchema }, async ({ hookId }, user) => {
  await removeHook(await getDb(), hookId);
  await audit(user, "hook removed", { hook: hookId });
  return { removed: true };
});

export const setSlackTargetAction = defineAction("hook.slack", { role: "admin", input: setSlackTargetInputSchema }, async (input, user) => {
  const result = await setSlackTarget(await getDb(), { ...input, createdBy: actorLabel(user) });
  // The URL of an incoming webhook is its secret: only whether one is set is recorded.
  await audit(user, input.url ? "Slack channel set" : "Slack channel removed", { mailbox: input.mailboxId });
  return result;
});

export const resendDeliveryAction = defineAction("hook.resend", { role: "admin", input: resendDeliveryInputSchema }, async ({ deliveryId }, user) => {
  const result = await resendHookDelivery(await getDb(), deliveryId);
  await audit(user, "delivery re-sent", { delivery: deliveryId });
  return { result };
});
