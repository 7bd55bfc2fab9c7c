import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, type Actor, type Permission, type Role } from './permissions.js';

const user = (role: Role): Actor => ({ kind: 'user', id: 'u', email: 'e@x', role });

describe('permissions', () => {
  const table: Record<Role, Permission[]> = {
    owner: [...PERMISSIONS],
    admin: PERMISSIONS.filter((p) => p !== 'users.manage'),
    responder: ['read', 'incidents.write', 'templates.write'],
    viewer: ['read', 'audit.read'],
  };
  for (const [role, allowed] of Object.entries(table) as [Role, Permission[]][]) {
    it(`lets a ${role} do exactly: ${allowed.join(', ')}`, () => {
      expect(PERMISSIONS.filter((p) => can(user(role), p))).toEqual(allowed);
    });
  }

  it('gives read keys read access only and write keys no user or key management', () => {
    const read: Actor = { kind: 'api_key', id: 'k', name: 'ci', scope: 'read' };
    const write: Actor = { kind: 'api_key', id: 'k', name: 'ci', scope: 'write' };
    expect(PERMISSIONS.filter((p) => can(read, p))).toEqual(['read', 'audit.read']);
    expect(can(write, 'incidents.write')).toBe(true);
    expect(can(write, 'users.manage')).toBe(false);
    expect(can(write, 'api_keys.manage')).toBe(false);
  });
});
