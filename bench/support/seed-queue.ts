// Stored emails for the queue benchmark, written by the database itself (INSERT … SELECT over
// generate_series), in the shape of test/query-plans.test.ts: review items (10% approved), their
// outbound emails (linked by item_id, so the review page has something to show), one inbound reply
// per contact (from_contact is a generated column since migration 0009), decisions for the approved ones, a revision
// for every tenth item, an audit row per item, a voice participant per caller, seven mailboxes.
// Seeding is data, not a query under test: the timed reads are the app's own functions.
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";

export const SEED_MAILBOXES = 7;
const CHUNK = 100_000;

/** The draft of item n: a few hundred characters, like a real follow-up. */
const BODY = sql.raw(`'Hi Caller ' || n || E',\\n\\nThanks for calling Acme Dental today. As discussed, your appointment is confirmed for '
  || to_char(timestamptz '2026-03-01' + (n % 60) * interval '1 day', 'FMDay, FMMonth DD') || ' at ' || (9 + n % 8) || E':30 PM.\\n\\n'
  || 'Please arrive ten minutes early and bring your insurance card. If you need to reschedule, reply to this email or call us on 555-'
  || lpad((n % 10000)::text, 4, '0') || E'.\\n\\nBest,\\nAcme Dental Follow-ups'`);

async function seedRange(db: Db, from: number, to: number): Promise<void> {
  await db.execute(sql`
    insert into review_items (id, root_email_id, current_email_id, mailbox_id, state, from_address, to_addresses, subject, preview, held_at,
                              caller_email, caller_name, search_text, findings_count)
    select gen_random_uuid(), 'em-' || n, 'em-' || n, 'mb-' || (n % ${SEED_MAILBOXES}), (case when n % 10 = 0 then 'approved' else 'pending' end)::item_state,
           'agent@followups.example', array['caller' || n || '@example.com'], 'Follow-up ' || n || ': appointment confirmation',
           left(${BODY}, 140), timestamptz '2026-01-01' + n * interval '1 second', 'caller' || n || '@example.com', 'Caller ' || n,
           lower('Follow-up ' || n || ': appointment confirmation agent@followups.example caller' || n || '@example.com Caller ' || n || ' caller' || n || '@example.com ' || ${BODY}),
           n % 13
    from generate_series(${from}::int, ${to}::int) n`);
  // The chunk's items, with their n back from the root email id (em-n).
  const items = sql`(select r.*, substr(r.root_email_id, 4)::int as n from review_items r
    where r.held_at between timestamptz '2026-01-01' + ${from}::int * interval '1 second' and timestamptz '2026-01-01' + ${to}::int * interval '1 second') i where true`;
  await db.execute(sql`
    insert into emails (id, item_id, mailbox_id, direction, status, from_address, to_addresses, subject, markdown, received_at, metadata)
    select current_email_id, id, mailbox_id, 'outbound', 'pending_send_approval', from_address, to_addresses, subject,
           ${BODY}, held_at,
           jsonb_build_object('session_id', 'RM_' || root_email_id, 'caller_email', caller_email)
    from ${items}`);
  await db.execute(sql`
    insert into emails (id, mailbox_id, direction, status, from_address, subject, received_at)
    select 'in-' || n, 'mb-' || (n % ${SEED_MAILBOXES}), 'inbound', 'unread', 'Caller <caller' || n || '@example.com>', 'Re: follow-up',
           timestamptz '2026-01-02' + n * interval '1 second'
    from generate_series(${from}::int, ${to}::int) n`);
  await db.execute(sql`
    insert into decisions (item_id, email_id, action, actor, delivery)
    select id, current_email_id, 'approve', 'ada', 'delivered' from ${items} and state = 'approved'`);
  await db.execute(sql`
    insert into voice_participants (room_sid, identity, kind, contact_email)
    select 'RM_' || n, 'sip_' || n, 'SIP', 'caller' || n || '@example.com' from generate_series(${from}::int, ${to}::int) n`);
  await db.execute(sql`
    insert into revisions (item_id, number, base_email_id, subject, markdown, to_addresses, content_hash, author)
    select id, 1, current_email_id, subject, 'Edited: ' || preview, to_addresses, md5(id::text), 'rita' from ${items} and root_email_id like 'em-%3'`);
  await db.execute(sql`
    insert into audit_log (actor, action, item_id, email_id, details)
    select 'multimail', 'email.held', id, current_email_id, '{}'::jsonb from ${items}`);
}

const SEEDED_TABLES = ["review_items", "emails", "decisions", "revisions", "audit_log", "voice_participants"];

/**
 * The secondary indexes of the seeded tables as the migrations made them (constraints stay): dropped
 * before a bulk load and rebuilt from these same definitions after, which is minutes faster at 1M rows.
 */
async function secondaryIndexes(db: Db): Promise<{ name: string; definition: string }[]> {
  const result = await db.execute(sql`
    select indexname as name, indexdef as definition from pg_indexes
    where schemaname = current_schema() and tablename in (${sql.join(
      SEEDED_TABLES.map((t) => sql`${t}`),
      sql`, `,
    )})
      and indexname not in (select conname from pg_constraint)`);
  return (result as unknown as { rows: { name: string; definition: string }[] }).rows;
}

/** Seeds `rows` held emails; `onChunk` hears after every 100k. `rebuildIndexes` (PostgreSQL) drops and rebuilds the secondary indexes around the load. */
export async function seedQueue(db: Db, rows: number, options: { rebuildIndexes?: boolean; onChunk?: (done: number) => void } = {}): Promise<void> {
  const { rebuildIndexes = false, onChunk } = options;
  const indexes = rebuildIndexes ? await secondaryIndexes(db) : [];
  for (const index of indexes) await db.execute(sql.raw(`drop index "${index.name}"`));
  await db.execute(sql`
    insert into mailboxes (id, address, display_name)
    select 'mb-' || m, 'box' || m || '@acme-dental.example', 'Acme Dental ' || m from generate_series(0, ${SEED_MAILBOXES - 1}::int) m
    on conflict do nothing`);
  for (let from = 1; from <= rows; from += CHUNK) {
    const to = Math.min(rows, from + CHUNK - 1);
    await seedRange(db, from, to);
    onChunk?.(to);
  }
  // Two at once (the server has two cores): the trigram index takes most of the time, so it builds
  // alone while the B-trees build beside it. More maintenance memory makes the GIN build much faster.
  const gin = (i: { definition: string }) => /using gin/i.test(i.definition);
  await Promise.all(
    [indexes.filter(gin), indexes.filter((i) => !gin(i))].map(async (lane) => {
      for (const index of lane) await db.execute(sql.raw(`set maintenance_work_mem = '256MB'; ${index.definition}`));
    }),
  );
  // VACUUM as well as ANALYZE: autovacuum reaches a 10k table within a minute of its seeding and a 1M
  // one much later, so without it the small size counted from a visibility-mapped index alone while
  // the large one checked every counted row in the heap (800 page reads per filtered count at 1M,
  // found with pg_stat_statements): a comparison of vacuum timing, not of the data. Each size is
  // read as autovacuum leaves it once it has caught up.
  await db.execute(sql`vacuum analyze`);
}
