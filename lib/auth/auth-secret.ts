// The deployment's signing secret: AUTH_SECRET, or one generated once and kept in the database so
// every instance sharing it (and every restart) agrees. Sessions sign with it; hook secrets are
// sealed with a key derived from it (lib/hooks/secret.ts).
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { settings } from "@/lib/db/schema";
import { env } from "@/lib/env";

export async function authSecret(db: Db): Promise<string> {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  const candidate = randomBytes(32).toString("base64url");
  await db.insert(settings).values({ key: "auth_secret", value: candidate, updatedBy: "system" }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, "auth_secret"));
  return row?.value ?? candidate;
}
