import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { formatMessage, type MailMessages } from './mail-messages.js';

/** The links every mail carries: manage the subscription, and leave it. */
export interface SubscriptionLinks {
  readonly manage: string;
  readonly unsubscribe: string;
}

const BODY_STYLE =
  'margin:0;padding:24px;background:#f5f6f8;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328;';
const CARD_STYLE =
  'max-width:600px;margin:0 auto;background:#ffffff;border:1px solid #dfe3e8;border-radius:6px;padding:24px;';
const FOOTER_STYLE = 'max-width:600px;margin:16px auto 0;font-size:12px;color:#59636e;line-height:1.5;';

/** A whole HTML mail: the page's name, the content, and the subscription footer. Inline styles only. */
export function renderMailDocument(props: {
  readonly lang: string;
  readonly title: string;
  readonly pageName: string;
  readonly messages: MailMessages;
  readonly links: SubscriptionLinks;
  readonly children: ComponentChildren;
}): string {
  const { messages, links } = props;
  return `<!doctype html>${renderToString(
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
      </head>
      <body style={BODY_STYLE}>
        <div style={CARD_STYLE}>
          <p style="margin:0 0 16px;font-size:14px;font-weight:600;color:#59636e;">{props.pageName}</p>
          {props.children}
        </div>
        <p style={FOOTER_STYLE}>
          {formatMessage(messages.footer, { page: props.pageName })}{' '}
          <a href={links.manage} style="color:#59636e;">
            {messages.manage}
          </a>
          {' · '}
          <a href={links.unsubscribe} style="color:#59636e;">
            {messages.unsubscribe}
          </a>
        </p>
      </body>
    </html>,
  )}`;
}

/** The plain-text footer, matching the HTML one. */
export function textFooter(pageName: string, messages: MailMessages, links: SubscriptionLinks): string {
  return `--\n${formatMessage(messages.footer, { page: pageName })}\n${messages.manage}: ${links.manage}\n${messages.unsubscribe}: ${links.unsubscribe}\n`;
}

export function Button(props: { readonly href: string; readonly children: ComponentChildren }) {
  return (
    <p style="margin:24px 0;">
      <a
        href={props.href}
        style="display:inline-block;padding:10px 18px;background:#1f6feb;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:600;"
      >
        {props.children}
      </a>
    </p>
  );
}
