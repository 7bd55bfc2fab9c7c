import type { ComponentStatus } from '../../domain/component-status.js';
import type { AnyIncidentStatus } from '../../domain/incident.js';
import type { IncidentTrigger } from '../../notify/notification.js';

/** Every string a mail says, per locale; `{name}` placeholders are filled by formatMessage. */
export interface MailMessages {
  readonly subjects: Readonly<Record<IncidentTrigger, string>>;
  readonly incidentStatus: Readonly<Record<AnyIncidentStatus, string>>;
  readonly componentStatus: Readonly<Record<ComponentStatus, string>>;
  readonly postmortem: string;
  readonly affectedComponents: string;
  readonly statusChange: string;
  readonly scheduled: string;
  readonly postedAt: string;
  readonly viewIncident: string;
  readonly footer: string;
  readonly manage: string;
  readonly unsubscribe: string;
  readonly confirmSubject: string;
  readonly confirmIntro: string;
  readonly confirmButton: string;
  readonly confirmComponents: string;
  readonly confirmAllComponents: string;
  readonly confirmIgnore: string;
  readonly manageSubject: string;
  readonly manageIntro: string;
  readonly disabledSubject: string;
  readonly disabledIntro: string;
  readonly disabledLastError: string;
  readonly disabledAgain: string;
}

const en: MailMessages = {
  subjects: {
    'incident.created': '[{page}] {status}: {name}',
    'incident.updated': '[{page}] {status}: {name}',
    'incident.resolved': '[{page}] Resolved: {name}',
    'postmortem.published': '[{page}] Postmortem: {name}',
    'maintenance.scheduled': '[{page}] Scheduled maintenance: {name}',
    'maintenance.started': '[{page}] Maintenance in progress: {name}',
    'maintenance.updated': '[{page}] Maintenance update: {name}',
    'maintenance.completed': '[{page}] Maintenance completed: {name}',
  },
  incidentStatus: {
    investigating: 'Investigating',
    identified: 'Identified',
    monitoring: 'Monitoring',
    resolved: 'Resolved',
    postmortem: 'Postmortem',
    scheduled: 'Scheduled',
    in_progress: 'In progress',
    verifying: 'Verifying',
    completed: 'Completed',
  },
  componentStatus: {
    operational: 'Operational',
    degraded_performance: 'Degraded performance',
    partial_outage: 'Partial outage',
    major_outage: 'Major outage',
    under_maintenance: 'Under maintenance',
  },
  postmortem: 'Postmortem',
  affectedComponents: 'Affected components',
  statusChange: '{old} → {new}',
  scheduled: 'Scheduled from {from} until {until}',
  postedAt: 'Posted {time}',
  viewIncident: 'View this incident on the status page',
  footer: 'You receive this because you subscribed to {page} status updates.',
  manage: 'Manage your subscription',
  unsubscribe: 'Unsubscribe',
  confirmSubject: '[{page}] Confirm your subscription',
  confirmIntro:
    'Someone, hopefully you, asked to be told about incidents and maintenance on the {page} status page at this address.',
  confirmButton: 'Confirm my subscription',
  confirmComponents: 'You will hear about: {components}.',
  confirmAllComponents: 'You will hear about every component.',
  confirmIgnore: 'If you did not ask for this, ignore this mail: the address is forgotten in 48 hours.',
  manageSubject: '[{page}] Your subscription',
  manageIntro:
    'This address is already subscribed to {page} status updates. Change what you hear about, or unsubscribe, here:',
  disabledSubject: '[{page}] Your webhook was disabled',
  disabledIntro:
    'The webhook {endpoint} failed {failures} times in a row over more than an hour, so {page} stopped sending to it.',
  disabledLastError: 'Last error: {error}',
  disabledAgain: 'Once it answers with a 2xx status again, subscribe the same URL again to turn it back on.',
};

const CATALOGUE: Readonly<Record<string, MailMessages>> = { en };

/** The messages for a page locale ("en", "en-GB"), falling back to English. */
export function mailMessages(locale: string): MailMessages {
  const lower = locale.toLowerCase();
  return CATALOGUE[lower] ?? CATALOGUE[lower.split(/[-_]/)[0] ?? ''] ?? en;
}

export function formatMessage(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
