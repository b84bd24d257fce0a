// Start-up of a server process: a malformed variable stops it with one clear message; then the
// database is migrated, the background worker started, and memory watched so that it returns
// near idle after a burst (lib/observe/release-memory.ts).
import { env, EnvError, multimailConfig } from "@/lib/env";

export async function boot(): Promise<void> {
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`\n${error.message}\n\n`);
      process.exit(1);
    }
    throw error;
  }
  const { getDbHandle } = await import("@/lib/db/client");
  const { logger } = await import("@/lib/logger");
  const handle = await getDbHandle();
  logger.info({ database: handle.kind }, "database ready");
  const { backfillParticipantContacts } = await import("@/lib/livekit/backfill-contacts");
  await backfillParticipantContacts(handle.db).catch((error: unknown) => logger.warn({ err: error }, "could not backfill caller addresses"));
  const config = multimailConfig();
  if (!config.configured) {
    logger.warn(`MultiMail is not connected (missing ${config.missing.join(", ")}). Set them in .env; see the README, "Connecting MultiMail".`);
  }
  const { startWorker } = await import("@/lib/worker");
  startWorker();
  const { startMemoryRelease } = await import("@/lib/observe/release-memory");
  startMemoryRelease();
}
