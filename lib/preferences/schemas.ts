// Client-safe types and input schema of per-user preferences.
import { z } from "zod";

export interface UserPreferences {
  singleKeyShortcuts: boolean;
}

export const defaultPreferences: UserPreferences = { singleKeyShortcuts: true };

export const singleKeyShortcutsInputSchema = z.object({ enabled: z.boolean() });
