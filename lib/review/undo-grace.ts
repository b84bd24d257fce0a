// The undo grace period: how long a reviewer's decision waits in the outbox before it goes to
// MultiMail. An admin's choice in Settings wins over UNDO_GRACE_SECONDS from the environment.
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { settings } from "@/lib/db/schema";
import { env } from "@/lib/env";

export const UNDO_GRACE_KEY = "undo_grace_seconds";
export const MAX_UNDO_GRACE_SECONDS = 300;

export async function undoGraceSeconds(db: Db): Promise<number> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, UNDO_GRACE_KEY));
  const stored = row ? Number(row.value) : NaN;
  return Number.isInteger(stored) && stored >= 0 && stored <= MAX_UNDO_GRACE_SECONDS ? stored : env().UNDO_GRACE_SECONDS;
}
