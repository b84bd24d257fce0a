// Change events pushed to open dashboards. Sent with pg_notify inside the writing transaction, so
// they go out on commit, to every instance (LISTEN/NOTIFY works on PGlite and PostgreSQL alike).
import { sql } from "drizzle-orm";
import { changeEventSchema, type ChangeEvent } from "./events-schema";
import type { Db } from "@/lib/db/client";
import { getDbHandle } from "@/lib/db/client";

export const CHANNEL = "countersign_events";

export async function publishChange(db: Db, event: ChangeEvent): Promise<void> {
  await db.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify(event)})`);
}

type Listener = (event: ChangeEvent) => void;
type Global = { __countersignListeners?: Set<Listener>; __countersignListening?: Promise<void> };
const g = globalThis as Global;

/** Subscribes to change events; one LISTEN per process fans out to every subscriber. */
export async function subscribeChanges(listener: Listener): Promise<() => void> {
  const listeners = (g.__countersignListeners ??= new Set());
  g.__countersignListening ??= getDbHandle().then(async (handle) => {
    await handle.listen(CHANNEL, (payload) => {
      const parsed = changeEventSchema.safeParse(safeJson(payload));
      if (!parsed.success) return;
      for (const l of listeners) l(parsed.data);
    });
  });
  await g.__countersignListening;
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
