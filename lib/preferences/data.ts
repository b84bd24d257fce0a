// Reads and writes of per-user preferences; a person without a row has the defaults.
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { userPreferences } from "@/lib/db/schema";
import { defaultPreferences, type UserPreferences } from "./schemas";

export async function getUserPreferences(db: Db, userId: string): Promise<UserPreferences> {
  const [row] = await db.select({ singleKeyShortcuts: userPreferences.singleKeyShortcuts }).from(userPreferences).where(eq(userPreferences.userId, userId));
  return row ?? defaultPreferences;
}

export async function setSingleKeyShortcuts(db: Db, userId: string, enabled: boolean): Promise<UserPreferences> {
  const [row] = await db
    .insert(userPreferences)
    .values({ userId, singleKeyShortcuts: enabled })
    .onConflictDoUpdate({ target: userPreferences.userId, set: { singleKeyShortcuts: enabled, updatedAt: new Date() } })
    .returning({ singleKeyShortcuts: userPreferences.singleKeyShortcuts });
  return row ?? { singleKeyShortcuts: enabled };
}
