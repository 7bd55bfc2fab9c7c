import type { Component } from '../../domain/component.js';
import type { ComponentStatus } from '../../domain/component-status.js';
import type { Incident, IncidentUpdate } from '../../domain/incident.js';
import type { Notification } from '../../notify/notification.js';
import { formatDisplayTime } from '../html/format-display-time.js';
import { renderMarkdown } from '../render-markdown.js';
import { renderMailDocument, textFooter, type SubscriptionLinks } from './mail-layout.js';
import { formatMessage, mailMessages, type MailMessages } from './mail-messages.js';

export interface RenderedMail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

interface AffectedLine {
  readonly name: string;
  readonly status: string;
}

type IncidentNotification = Extract<Notification, { kind: 'incident' }>;

/**
 * The mail about an incident update, a maintenance or a published postmortem: what changed, which
 * components it touches, and the link to the incident page. Markdown is rendered safely in HTML
 * (no raw HTML, absolute links only) and kept as written in the text part.
 */
export function renderIncidentMail(
  notification: IncidentNotification,
  links: SubscriptionLinks & { readonly incident: string },
): RenderedMail {
  const { page, incident } = notification;
  const messages = mailMessages(page.locale);
  const update =
    notification.updateId === null ? undefined : incident.updates.find((u) => u.id === notification.updateId);
  const isPostmortem = notification.trigger === 'postmortem.published';
  const heading = isPostmortem
    ? messages.postmortem
    : messages.incidentStatus[update?.status ?? incident.status];
  const body = isPostmortem ? (incident.postmortem?.body ?? '') : (update?.body ?? '');
  const at = isPostmortem
    ? (incident.postmortem?.publishedAt ?? incident.updatedAt)
    : (update?.displayAt ?? incident.updatedAt);
  const posted = formatMessage(messages.postedAt, { time: formatDisplayTime(at, page.timeZone) });
  const window = scheduledWindow(incident, page.timeZone, messages);
  const affected = affectedLines(incident, update, notification.components, messages);
  const subject = formatMessage(messages.subjects[notification.trigger], {
    page: page.name,
    name: incident.name,
    status: heading,
  });

  const html = renderMailDocument({
    lang: page.locale,
    title: subject,
    pageName: page.name,
    messages,
    links,
    children: (
      <>
        <h1 style="margin:0 0 16px;font-size:20px;">{incident.name}</h1>
        <p style="margin:0 0 4px;font-weight:600;">{heading}</p>
        <div style="line-height:1.5;" dangerouslySetInnerHTML={{ __html: renderMarkdown(body) }} />
        <p style="margin:8px 0 0;font-size:13px;color:#59636e;">{posted}</p>
        {window !== null && <p style="margin:8px 0 0;font-size:13px;color:#59636e;">{window}</p>}
        {affected.length > 0 && (
          <>
            <h2 style="margin:24px 0 8px;font-size:15px;">{messages.affectedComponents}</h2>
            <ul style="margin:0;padding-left:20px;line-height:1.6;">
              {affected.map((line) => (
                <li>
                  {line.name} — {line.status}
                </li>
              ))}
            </ul>
          </>
        )}
        <p style="margin:24px 0 0;">
          <a href={links.incident} style="color:#1f6feb;font-weight:600;">
            {messages.viewIncident}
          </a>
        </p>
      </>
    ),
  });

  const text = [
    `${incident.name}`,
    '',
    `${heading}: ${body}`,
    posted,
    ...(window === null ? [] : [window]),
    ...(affected.length === 0
      ? []
      : ['', `${messages.affectedComponents}:`, ...affected.map((line) => `- ${line.name}: ${line.status}`)]),
    '',
    `${messages.viewIncident}: ${links.incident}`,
    '',
    textFooter(page.name, messages, links),
  ].join('\n');
  return { subject, html, text };
}

function affectedLines(
  incident: Incident,
  update: IncidentUpdate | undefined,
  components: readonly Component[],
  messages: MailMessages,
): AffectedLine[] {
  const label = (status: ComponentStatus) => messages.componentStatus[status];
  if (update?.affectedComponents != null && update.affectedComponents.length > 0) {
    return update.affectedComponents.map((a) => ({
      name: a.name,
      status:
        a.oldStatus === a.newStatus
          ? label(a.newStatus)
          : formatMessage(messages.statusChange, { old: label(a.oldStatus), new: label(a.newStatus) }),
    }));
  }
  const byId = new Map(components.map((c) => [c.id, c]));
  return incident.componentIds.flatMap((id) => {
    const component = byId.get(id);
    return component === undefined ? [] : [{ name: component.name, status: label(component.status) }];
  });
}

function scheduledWindow(incident: Incident, timeZone: string, messages: MailMessages): string | null {
  if (incident.kind !== 'maintenance' || incident.scheduledFor === null || incident.scheduledUntil === null)
    return null;
  return formatMessage(messages.scheduled, {
    from: formatDisplayTime(incident.scheduledFor, timeZone),
    until: formatDisplayTime(incident.scheduledUntil, timeZone),
  });
}
