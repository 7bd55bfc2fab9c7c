import type { Incident } from '../domain/incident.js';
import { listIncidentsByIds, listPublicIncidentRevisions } from '../store/incidents.js';
import type { Db } from '../store/store.js';

interface CachedIncident {
  readonly revision: number;
  readonly incident: Incident;
}

/**
 * Keeps a page's public incidents between loads and reloads only those whose revision moved (database
 * triggers bump it on every write), so a rebuild of a page with years of history reads a few rows.
 */
export class IncidentCache {
  #entries = new Map<string, CachedIncident>();

  /** The page's public incidents, as `listIncidents(tx, pageId, { publicOnly: true })` returns them. */
  async load(tx: Db, pageId: string): Promise<Incident[]> {
    const heads = await listPublicIncidentRevisions(tx, pageId);
    const stale = heads.filter((h) => this.#entries.get(h.id)?.revision !== h.revision).map((h) => h.id);
    const fresh = new Map((await listIncidentsByIds(tx, stale)).map((i) => [i.id, i]));

    // Each entry keeps the revision read before its rows: under PostgreSQL's read committed the rows
    // may be newer, never older, so a later write always shows up as a changed revision.
    const entries = new Map<string, CachedIncident>();
    const incidents: Incident[] = [];
    for (const { id, revision } of heads) {
      let entry = this.#entries.get(id);
      if (entry?.revision !== revision) {
        const incident = fresh.get(id);
        if (incident === undefined) continue; // deleted between the two reads (read committed)
        entry = { revision, incident };
      }
      entries.set(id, entry);
      incidents.push(entry.incident);
    }
    // Replaced only once every read succeeded: a failed load leaves the previous, consistent cache.
    this.#entries = entries;
    return incidents;
  }
}
