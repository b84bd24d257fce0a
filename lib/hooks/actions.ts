"use server";
// Server Actions of hooks (admins only): register and remove hooks, set a mailbox's Slack-compatible
// URL, and re-send a delivery from the log.
import { actorLabel } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { defineAction } from "@/lib/http/action";
import { resendHookDelivery } from "./deliver";
import { createHook, removeHook, setSlackTarget } from "./manage";
import { createHookInputSchema, removeHookInputSchema, resendDeliveryInputSchema, setSlackTargetInputSchema } from "./schemas";

export const createHookAction = defineAction("hook.create", { role: "admin", input: createHookInputSchema }, async (input, user) => {
  return createHook(await getDb(), { ...input, createdBy: actorLabel(user) });
});

export const removeHookAction = defineAction("hook.remove", { role: "admin", input: removeHookInputSchema }, async ({ hookId }) => {
  await removeHook(await getDb(), hookId);
  return { removed: true };
});

export const setSlackTargetAction = defineAction("hook.slack", { role: "admin", input: setSlackTargetInputSchema }, async (input, user) => {
  return setSlackTarget(await getDb(), { ...input, createdBy: actorLabel(user) });
});

export const resendDeliveryAction = defineAction("hook.resend", { role: "admin", input: resendDeliveryInputSchema }, async ({ deliveryId }) => {
  return { result: await resendHookDelivery(await getDb(), deliveryId) };
});
