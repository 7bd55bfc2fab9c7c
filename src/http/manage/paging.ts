import { z } from 'zod';
import type { QueryParameterDoc } from './manage-route.js';
import { wholeNumber } from './manage-schemas.js';

/** Statuspage's default and maximum page size since February 2023. */
export const MAX_PER_PAGE = 100;

export const pagingQuery = z.object({
  page: wholeNumber({ min: 1 }).optional(),
  per_page: wholeNumber({ min: 1, max: MAX_PER_PAGE }).optional(),
});

export const PAGING_DOCS: readonly QueryParameterDoc[] = [
  {
    name: 'page',
    description: 'Page offset to fetch, from 1.',
    schema: { type: 'integer', minimum: 1, default: 1 },
  },
  {
    name: 'per_page',
    description: `Number of results to return per page (at most ${MAX_PER_PAGE}).`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: MAX_PER_PAGE },
  },
];

export interface Paging {
  readonly page: number;
  readonly perPage: number;
}

export function pagingOf(
  query: { readonly page?: number | undefined; readonly per_page?: number | undefined } | undefined,
): Paging {
  return { page: query?.page ?? 1, perPage: query?.per_page ?? MAX_PER_PAGE };
}

/** One page of an in-memory list. */
export function pageOf<T>(items: readonly T[], paging: Paging): T[] {
  const offset = (paging.page - 1) * paging.perPage;
  return items.slice(offset, offset + paging.perPage);
}
