import { describe, expect, it } from 'vitest';
import { parseHistoryQuery } from './parse-history-query.js';

describe('parseHistoryQuery', () => {
  it('defaults to page 1', () => {
    expect(parseHistoryQuery({})).toEqual({ kind: 'page', page: 1 });
  });

  it('reads a page number and a from month', () => {
    expect(parseHistoryQuery({ page: '3' })).toEqual({ kind: 'page', page: 3 });
    expect(parseHistoryQuery({ from: '2024-02' })).toEqual({ kind: 'from', month: '2024-02' });
  });

  it.each(['0', '-1', '1.5', 'abc', '', '99999999'])('rejects page=%s naming the parameter', (page) => {
    expect(parseHistoryQuery({ page })).toMatchObject({ parameter: 'page' });
  });

  it.each(['2024-13', '2024-2', '24-02', '2024-02-01', '0999-12'])(
    'rejects from=%s naming the parameter',
    (from) => {
      expect(parseHistoryQuery({ from })).toMatchObject({ parameter: 'from' });
    },
  );
});
