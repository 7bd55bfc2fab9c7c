import { createHash } from 'node:crypto';
import type { PageData } from '../domain/page-data.js';

export interface RenderedDocument {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  readonly etag: string;
}

export interface DocumentSource {
  readonly status?: number;
  readonly contentType: string;
  readonly body: string;
}

const MAX_MEMO_ENTRIES = 5000;

/**
 * One immutable view of a page at `builtAt`. Documents are rendered once per snapshot, on first
 * request (or eagerly by warm-up), and then served as bytes with an ETag until the next rebuild.
 */
export class PageSnapshot {
  readonly data: PageData;
  readonly builtAt: number;
  readonly version: number;
  readonly #memo = new Map<string, RenderedDocument>();

  constructor(data: PageData, builtAt: number, version: number) {
    this.data = data;
    this.builtAt = builtAt;
    this.version = version;
  }

  document(key: string, render: (data: PageData, now: number) => DocumentSource): RenderedDocument {
    const cached = this.#memo.get(key);
    if (cached !== undefined) return cached;
    const source = render(this.data, this.builtAt);
    const rendered = toRendered(source);
    // A crawler walking ?page=1..N must not grow memory without bound: past the cap, start over.
    if (this.#memo.size >= MAX_MEMO_ENTRIES) this.#memo.clear();
    this.#memo.set(key, rendered);
    return rendered;
  }

  get memoSize(): number {
    return this.#memo.size;
  }
}

export function toRendered(source: DocumentSource): RenderedDocument {
  const body = Buffer.from(source.body, 'utf8');
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  return { status: source.status ?? 200, contentType: source.contentType, body, etag };
}
