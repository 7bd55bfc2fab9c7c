import { MAX_HISTORY_PAGE, type HistoryQuery } from './history-view-model.js';
import { isMonthKey } from './month-key.js';

export interface HistoryQueryError {
  /** The query parameter at fault, to name in the 400 page. */
  readonly parameter: 'page' | 'from';
  readonly message: string;
}

const PAGE_PATTERN = /^[1-9]\d{0,5}$/;

/**
 * `/history` query parameters to a HistoryQuery: none means page 1; `from` wins over `page` when both
 * are given. Returns an error naming the bad parameter instead of throwing.
 */
export function parseHistoryQuery(params: {
  readonly page?: string | undefined;
  readonly from?: string | undefined;
}): HistoryQuery | HistoryQueryError {
  if (params.from !== undefined) {
    if (!isMonthKey(params.from) || params.from < '1000-01') {
      return {
        parameter: 'from',
        message: 'The "from" parameter must be a month written as YYYY-MM, e.g. 2024-02.',
      };
    }
    return { kind: 'from', month: params.from };
  }
  if (params.page === undefined) return { kind: 'page', page: 1 };
  if (!PAGE_PATTERN.test(params.page) || Number(params.page) > MAX_HISTORY_PAGE) {
    return {
      parameter: 'page',
      message: `The "page" parameter must be a whole number from 1 to ${MAX_HISTORY_PAGE}.`,
    };
  }
  return { kind: 'page', page: Number(params.page) };
}

export function isHistoryQueryError(value: HistoryQuery | HistoryQueryError): value is HistoryQueryError {
  return 'parameter' in value;
}
