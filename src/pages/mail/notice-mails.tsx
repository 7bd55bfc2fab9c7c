import type { Notification } from '../../notify/notification.js';
import type { RenderedMail } from './incident-mail.js';
import { Button, renderMailDocument, textFooter, type SubscriptionLinks } from './mail-layout.js';
import { formatMessage, mailMessages } from './mail-messages.js';

type Of<K extends Notification['kind']> = Extract<Notification, { kind: K }>;

/** The double opt-in mail: the confirmation link, and what the subscription covers. */
export function renderConfirmationMail(
  notification: Of<'confirmation'>,
  links: SubscriptionLinks & { readonly confirm: string },
): RenderedMail {
  const { page } = notification;
  const m = mailMessages(page.locale);
  const subject = formatMessage(m.confirmSubject, { page: page.name });
  const intro = formatMessage(m.confirmIntro, { page: page.name });
  const scope =
    notification.componentNames.length === 0
      ? m.confirmAllComponents
      : formatMessage(m.confirmComponents, { components: notification.componentNames.join(', ') });
  const html = renderMailDocument({
    lang: page.locale,
    title: subject,
    pageName: page.name,
    messages: m,
    links,
    children: (
      <>
        <p style="line-height:1.5;">{intro}</p>
        <Button href={links.confirm}>{m.confirmButton}</Button>
        <p style="line-height:1.5;">{scope}</p>
        <p style="line-height:1.5;color:#59636e;">{m.confirmIgnore}</p>
      </>
    ),
  });
  const text = [
    intro,
    '',
    `${m.confirmButton}: ${links.confirm}`,
    '',
    scope,
    '',
    m.confirmIgnore,
    '',
    textFooter(page.name, m, links),
  ].join('\n');
  return { subject, html, text };
}

/** To an address that subscribed again: its manage link (nothing about it changes). */
export function renderManageLinkMail(
  notification: Of<'manage_link'>,
  links: SubscriptionLinks,
): RenderedMail {
  const { page } = notification;
  const m = mailMessages(page.locale);
  const subject = formatMessage(m.manageSubject, { page: page.name });
  const intro = formatMessage(m.manageIntro, { page: page.name });
  const html = renderMailDocument({
    lang: page.locale,
    title: subject,
    pageName: page.name,
    messages: m,
    links,
    children: (
      <>
        <p style="line-height:1.5;">{intro}</p>
        <Button href={links.manage}>{m.manage}</Button>
      </>
    ),
  });
  const text = [intro, '', `${m.manage}: ${links.manage}`, '', textFooter(page.name, m, links)].join('\n');
  return { subject, html, text };
}

/** To a webhook's owner: it failed for too long and was disabled. */
export function renderWebhookDisabledMail(
  notification: Of<'webhook_disabled'>,
  links: SubscriptionLinks,
): RenderedMail {
  const { page } = notification;
  const m = mailMessages(page.locale);
  const subject = formatMessage(m.disabledSubject, { page: page.name });
  const intro = formatMessage(m.disabledIntro, {
    page: page.name,
    endpoint: notification.endpoint,
    failures: notification.failures,
  });
  const lastError = formatMessage(m.disabledLastError, { error: notification.lastError });
  const html = renderMailDocument({
    lang: page.locale,
    title: subject,
    pageName: page.name,
    messages: m,
    links,
    children: (
      <>
        <p style="line-height:1.5;">{intro}</p>
        <p style="line-height:1.5;font-family:monospace;">{lastError}</p>
        <p style="line-height:1.5;">{m.disabledAgain}</p>
      </>
    ),
  });
  const text = [intro, '', lastError, '', m.disabledAgain, '', textFooter(page.name, m, links)].join('\n');
  return { subject, html, text };
}
