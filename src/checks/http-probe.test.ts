import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseJsonPath, readCapped } from './http-probe.js';

describe('parseJsonPath', () => {
  it('reads dotted names, indexes and quoted keys, with or without $', () => {
    expect(parseJsonPath('$.status')).toEqual(['status']);
    expect(parseJsonPath('status.db')).toEqual(['status', 'db']);
    expect(parseJsonPath('$.checks[0].state')).toEqual(['checks', 0, 'state']);
    expect(parseJsonPath(`$["a.b"]['c d'][2]`)).toEqual(['a.b', 'c d', 2]);
    expect(parseJsonPath('$')).toEqual([]);
  });

  it('refuses malformed paths', () => {
    expect(parseJsonPath('$..status')).toBeNull();
    expect(parseJsonPath('$.checks[x]')).toBeNull();
    expect(parseJsonPath('$.a]')).toBeNull();
  });
});

describe('readCapped', () => {
  const chunks = (sizes: number[]) => Readable.from(sizes.map((size) => Buffer.alloc(size, 'a')));

  it('keeps the whole body when it fits', async () => {
    const read = await readCapped(chunks([10, 10]), 20);
    expect(read).toMatchObject({ bytesRead: 20, truncated: false });
    expect(read.body.length).toBe(20);
  });

  it('stops past the cap, keeping exactly the cap and destroying the stream', async () => {
    const stream = chunks([8, 8, 8, 8, 8]);
    const read = await readCapped(stream, 12);
    expect(read).toMatchObject({ bytesRead: 16, truncated: true });
    expect(read.body.length).toBe(12);
    expect(stream.destroyed).toBe(true);
  });
});
