export const ROLES = ['owner', 'admin', 'responder', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const API_KEY_SCOPES = ['read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const PERMISSIONS = [
  'read',
  'incidents.write',
  'components.write',
  'page.write',
  'templates.write',
  'subscribers.write',
  'api_keys.manage',
  'users.manage',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Who is acting: a signed-in user, an API key, or Beacon itself (config, import, scheduler, CLI). */
export type Actor =
  | { readonly kind: 'user'; readonly id: string; readonly email: string; readonly role: Role }
  | { readonly kind: 'api_key'; readonly id: string; readonly name: string; readonly scope: ApiKeyScope }
  | { readonly kind: 'system'; readonly name: string };

const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  owner: new Set(PERMISSIONS),
  admin: new Set(PERMISSIONS.filter((p) => p !== 'users.manage')),
  responder: new Set<Permission>(['read', 'incidents.write', 'templates.write']),
  viewer: new Set<Permission>(['read', 'audit.read']),
};

// A write key can do what an admin does through the API but cannot mint keys or manage people.
const SCOPE_PERMISSIONS: Readonly<Record<ApiKeyScope, ReadonlySet<Permission>>> = {
  write: new Set(PERMISSIONS.filter((p) => p !== 'users.manage' && p !== 'api_keys.manage')),
  read: new Set<Permission>(['read', 'audit.read']),
};

export function can(actor: Actor, permission: Permission): boolean {
  switch (actor.kind) {
    case 'system':
      return true;
    case 'user':
      return ROLE_PERMISSIONS[actor.role].has(permission);
    case 'api_key':
      return SCOPE_PERMISSIONS[actor.scope].has(permission);
  }
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function describeActor(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.email}`;
    case 'api_key':
      return `api_key:${actor.name}`;
    case 'system':
      return `system:${actor.name}`;
  }
}
