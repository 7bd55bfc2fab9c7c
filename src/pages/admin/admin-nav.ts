import type { Permission } from '../../domain/permissions.js';

export interface NavEntry {
  readonly href: string;
  readonly label: string;
  readonly permission: Permission;
}

/** The admin's sections, each shown only to roles that hold its permission. */
export const NAV: readonly NavEntry[] = [
  { href: '/admin', label: 'Overview', permission: 'read' },
  { href: '/admin/incidents', label: 'Incidents', permission: 'read' },
  { href: '/admin/components', label: 'Components', permission: 'read' },
  { href: '/admin/templates', label: 'Templates', permission: 'read' },
  { href: '/admin/subscribers', label: 'Subscribers', permission: 'read' },
  { href: '/admin/users', label: 'Users', permission: 'users.manage' },
  { href: '/admin/api-keys', label: 'API keys', permission: 'api_keys.manage' },
  { href: '/admin/audit', label: 'Audit log', permission: 'audit.read' },
  { href: '/admin/account', label: 'Account', permission: 'read' },
];

/** The entry a path belongs to: the longest matching prefix ("/admin" only for itself). */
export function currentNavHref(path: string): string | null {
  const matches = NAV.filter(
    (e) => path === e.href || (e.href !== '/admin' && path.startsWith(`${e.href}/`)),
  );
  const incidentLike = path.startsWith('/admin/maintenance')
    ? '/admin/incidents'
    : path.startsWith('/admin/groups')
      ? '/admin/components'
      : null;
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? incidentLike;
}
