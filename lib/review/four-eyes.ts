// Four-eyes: whether an email a reviewer edited or wrote must be approved by someone else.
// An admin's choice in Settings wins over the FOUR_EYES default from the environment.
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { settings } from "@/lib/db/schema";
import { env } from "@/lib/env";

export async function fourEyesEnabled(db: Db): Promise<boolean> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, "four_eyes"));
  return row ? row.value === "on" : env().FOUR_EYES;
}
