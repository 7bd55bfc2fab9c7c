import { AppError } from '../lib/app-error.js';

export type HistoryQuery =
  { readonly kind: 'page'; readonly page: number } | { readonly kind: 'from'; readonly month: string };

const MAX_PAGE = 10_000;

/** /history?page=N or /history?from=YYYY-MM; anything else malformed is a 400 naming the parameter. */
export function parseHistoryQuery(query: Record<string, unknown>): HistoryQuery {
  const { page, from } = query;
  if (page !== undefined && from !== undefined) {
    throw new AppError('VALIDATION', 'use either the "page" parameter or the "from" parameter, not both', {
      fields: [{ field: 'page', message: 'conflicts with from' }],
    });
  }
  if (from !== undefined) {
    if (typeof from !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(from)) {
      throw new AppError(
        'VALIDATION',
        'the "from" parameter must be a month written YYYY-MM, e.g. from=2024-02',
        {
          fields: [{ field: 'from', message: 'must be YYYY-MM' }],
        },
      );
    }
    return { kind: 'from', month: from };
  }
  if (page === undefined) return { kind: 'page', page: 1 };
  if (typeof page !== 'string' || !/^\d+$/.test(page) || Number(page) < 1 || Number(page) > MAX_PAGE) {
    throw new AppError(
      'VALIDATION',
      `the "page" parameter must be a whole number from 1 to ${MAX_PAGE}, e.g. page=2`,
      {
        fields: [{ field: 'page', message: 'must be a positive whole number' }],
      },
    );
  }
  return { kind: 'page', page: Number(page) };
}
