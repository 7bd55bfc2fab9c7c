import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { isPrivateAddress, publicOnlyLookup } from './private-address.js';

describe('private addresses', () => {
  it.each([
    '127.0.0.1',
    '127.8.8.8',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    'fc00::abcd',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a00:1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe('public-only lookup', () => {
  const resolving =
    (addresses: LookupAddress[]) =>
    (_name: string, callback: (error: Error | null, addresses: LookupAddress[]) => void) =>
      callback(null, addresses);
  const lookup = (addresses: LookupAddress[], all: boolean) =>
    new Promise<{ error: Error | null; address: unknown; family: unknown }>((resolve) =>
      publicOnlyLookup(resolving(addresses))('hooks.example.com', { all }, (error, address, family) =>
        resolve({ error, address, family }),
      ),
    );

  it('hands the socket only the checked public addresses', async () => {
    const mixed = [
      { address: '127.0.0.1', family: 4 },
      { address: '93.184.216.34', family: 4 },
      { address: '::1', family: 6 },
    ];
    expect(await lookup(mixed, false)).toEqual({ error: null, address: '93.184.216.34', family: 4 });
    expect(await lookup(mixed, true)).toMatchObject({
      error: null,
      address: [{ address: '93.184.216.34', family: 4 }],
    });
  });

  it('fails when every address is private', async () => {
    const { error } = await lookup([{ address: '10.0.0.7', family: 4 }], false);
    expect(error?.message).toBe(
      'hooks.example.com resolves to 10.0.0.7, a private or reserved address; webhooks may not reach it',
    );
    expect((error as { code?: string } | null)?.code).toBe('EBEACON_PRIVATE_ADDRESS');
  });
});
