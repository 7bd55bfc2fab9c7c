import { describe, expect, it } from 'vitest';
import { groupFailures } from './incident-grouping.js';

const deps = (entries: Record<string, string[]>) => new Map(Object.entries(entries));
const platform = deps({ chatbot: ['database'], api: ['database'], widget: ['chatbot'], database: [] });

describe('groupFailures', () => {
  const table: [string, string[], Map<string, string[]>, { cause: string; dependents: string[] }[]][] = [
    ['nothing failing: no group', [], platform, []],
    [
      'a failing dependency alone is its own group',
      ['database'],
      platform,
      [{ cause: 'database', dependents: [] }],
    ],
    ['a failing dependent alone is its own group', ['api'], platform, [{ cause: 'api', dependents: [] }]],
    [
      'dependents that fail with their dependency are listed under it',
      ['chatbot', 'database', 'api'],
      platform,
      [{ cause: 'database', dependents: ['chatbot', 'api'] }],
    ],
    [
      'a transitive dependent goes to the root cause',
      ['widget', 'chatbot', 'database'],
      platform,
      [{ cause: 'database', dependents: ['widget', 'chatbot'] }],
    ],
    [
      'through a healthy middle component too',
      ['widget', 'database'],
      platform,
      [{ cause: 'database', dependents: ['widget'] }],
    ],
    [
      'the nearest failing cause wins when the root is healthy',
      ['widget', 'chatbot'],
      platform,
      [{ cause: 'chatbot', dependents: ['widget'] }],
    ],
    [
      'unrelated failures are separate groups',
      ['api', 'stripe'],
      platform,
      [
        { cause: 'api', dependents: [] },
        { cause: 'stripe', dependents: [] },
      ],
    ],
    [
      'a component with two failing causes goes to the nearest, then the first listed',
      ['a', 'b', 'c'],
      deps({ c: ['a', 'b'] }),
      [
        { cause: 'a', dependents: ['c'] },
        { cause: 'b', dependents: [] },
      ],
    ],
    [
      'a failing cycle: each member is its own cause, what depends on it goes to the nearest',
      ['x', 'y', 'z'],
      deps({ x: ['y'], y: ['x'], z: ['x'] }),
      [
        { cause: 'x', dependents: ['z'] },
        { cause: 'y', dependents: [] },
      ],
    ],
  ];

  it.each(table)('%s', (_name, failing, dependsOn, expected) => {
    expect(groupFailures(failing, dependsOn)).toEqual(expected);
  });
});
