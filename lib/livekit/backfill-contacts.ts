// Participants stored before contact addresses were normalised on write (drizzle/0007) get theirs
// once, in batches, at start-up; '' marks "no address", so each row is read once.
import { eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { voiceParticipants } from "@/lib/db/schema";
import { callerContact, mayBeCaller } from "./caller";

export async function backfillParticipantContacts(db: Db, batch = 500): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await db.select().from(voiceParticipants).where(isNull(voiceParticipants.contactEmail)).limit(batch);
    for (const row of rows) {
      const contactEmail = mayBeCaller(row) ? (callerContact(row).email?.toLowerCase() ?? "") : "";
      await db.update(voiceParticipants).set({ contactEmail }).where(eq(voiceParticipants.id, row.id));
    }
    done += rows.length;
    if (rows.length < batch) return done;
  }
}
