import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

// incidents.revision changes whenever an incident, one of its updates or one of its component links is
// written, so a reader can keep incidents in memory and reload only those whose revision moved.
// Triggers, not application code, bump it: the CLI import, raw SQL and future code are all covered.
// Revisions only grow; incident ids are never reused, so (id, revision) names one content.

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('incidents')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Covers the public page's revision check (listPublicIncidentRevisions): no table reads, no sort.
  await db.schema
    .createIndex('incidents_page_public_order')
    .on('incidents')
    .columns(['page_id', 'draft', 'started_at desc', 'created_at desc', 'id', 'revision'])
    .execute();
  if (dialect === 'postgres') await createPostgresTriggers(db);
  else await createSqliteTriggers(db);
}

const CHILD_TABLES = ['incident_updates', 'incident_components'] as const;

async function createPostgresTriggers(db: Kysely<any>): Promise<void> {
  await sql`
    create function incidents_bump_revision() returns trigger language plpgsql as $$
    begin
      new.revision := old.revision + 1;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger incidents_revision before update on incidents
    for each row execute function incidents_bump_revision()`.execute(db);
  // Pinned to the migration's search_path, so a session with another search_path bumps our incidents.
  await sql`
    create function incident_children_bump_revision() returns trigger language plpgsql
    set search_path from current as $$
    begin
      if tg_op = 'INSERT' then
        update incidents set revision = revision + 1 where id = new.incident_id;
      elsif tg_op = 'UPDATE' then
        update incidents set revision = revision + 1 where id in (new.incident_id, old.incident_id);
      else
        update incidents set revision = revision + 1 where id = old.incident_id;
      end if;
      return null;
    end $$`.execute(db);
  for (const table of CHILD_TABLES) {
    await sql`
      create trigger ${sql.id(`${table}_revision`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function incident_children_bump_revision()`.execute(db);
  }
}

async function createSqliteTriggers(db: Kysely<any>): Promise<void> {
  // The WHEN clause skips updates that already moved the revision (the child triggers' own), so a
  // child write bumps once, and the trigger cannot loop even with recursive_triggers on.
  await sql`
    create trigger incidents_revision after update on incidents
    for each row when new.revision <= old.revision
    begin
      update incidents set revision = old.revision + 1 where id = new.id;
    end`.execute(db);
  for (const table of CHILD_TABLES) {
    const events = [
      ['insert', sql`where id = new.incident_id`],
      ['update', sql`where id in (new.incident_id, old.incident_id)`],
      ['delete', sql`where id = old.incident_id`],
    ] as const;
    for (const [event, target] of events) {
      await sql`
        create trigger ${sql.id(`${table}_revision_${event}`)} after ${sql.raw(event)} on ${sql.table(table)}
        for each row
        begin
          update incidents set revision = revision + 1 ${target};
        end`.execute(db);
    }
  }
}
