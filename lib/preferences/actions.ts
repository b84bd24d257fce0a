"use server";
// Server Actions of per-user preferences: each person changes only their own.
import { getDb } from "@/lib/db/client";
import { defineAction } from "@/lib/http/action";
import { setSingleKeyShortcuts } from "./data";
import { singleKeyShortcutsInputSchema } from "./schemas";

/** Turns single-key shortcuts on or off for the signed-in user (any role: viewers use j, k and ? too). */
export const setSingleKeyShortcutsAction = defineAction("preferences.single-keys", { role: "viewer", input: singleKeyShortcutsInputSchema }, async ({ enabled }, user) =>
  setSingleKeyShortcuts(await getDb(), user.id, enabled),
);
