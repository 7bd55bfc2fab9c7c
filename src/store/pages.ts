import type { Page } from '../domain/page.js';
import type { Db } from './store.js';
import type { PagesTable } from './schema.js';

export function toPage(row: PagesTable): Page {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    timeZone: row.time_zone,
    locale: row.locale,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Beacon serves one page per installation today; the schema already allows more. */
export async function findFirstPage(db: Db): Promise<Page | undefined> {
  const row = await db
    .selectFrom('pages')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : toPage(row);
}

export async function findPage(db: Db, pageId: string): Promise<Page | undefined> {
  const row = await db.selectFrom('pages').selectAll().where('id', '=', pageId).executeTakeFirst();
  return row === undefined ? undefined : toPage(row);
}

export async function insertPage(db: Db, page: Page): Promise<void> {
  await db
    .insertInto('pages')
    .values({
      id: page.id,
      name: page.name,
      url: page.url,
      time_zone: page.timeZone,
      locale: page.locale,
      created_at: page.createdAt,
      updated_at: page.updatedAt,
      version: 1,
    })
    .execute();
}

export async function updatePage(db: Db, page: Page): Promise<void> {
  await db
    .updateTable('pages')
    .set({
      name: page.name,
      url: page.url,
      time_zone: page.timeZone,
      locale: page.locale,
      updated_at: page.updatedAt,
    })
    .where('id', '=', page.id)
    .execute();
}

/** Tells every reader (in this and other processes) that the public page must be rebuilt. */
export async function bumpPageVersion(db: Db, pageId: string): Promise<void> {
  await db
    .updateTable('pages')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', pageId)
    .execute();
}

export async function readPageVersion(db: Db, pageId: string): Promise<number | undefined> {
  const row = await db.selectFrom('pages').select('version').where('id', '=', pageId).executeTakeFirst();
  return row?.version;
}
