// The deployment's review rules as Settings shows them.
import type { Db } from "@/lib/db/client";
import { fourEyesEnabled } from "./four-eyes";
import { undoGraceSeconds } from "./undo-grace";

export async function reviewRules(db: Db): Promise<{ fourEyes: boolean; undoGraceSeconds: number }> {
  return { fourEyes: await fourEyesEnabled(db), undoGraceSeconds: await undoGraceSeconds(db) };
}
