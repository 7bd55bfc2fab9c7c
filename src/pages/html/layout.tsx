import type { ComponentChildren } from 'preact';
import { STYLES } from './styles.js';

export interface LayoutProps {
  /** The status page's name; null when the page is unknown (an error before loading it). */
  readonly pageName: string | null;
  readonly lang: string;
  readonly title: string;
  readonly description: string;
  /** On the home page the page name is the h1; elsewhere the content has its own h1. */
  readonly nameIsHeading: boolean;
  readonly children: ComponentChildren;
}

const FALLBACK_NAME = 'Status';

/** The frame of every public page: header with the page name, main content, footer with feeds and API. */
export function Layout(props: LayoutProps) {
  const name = props.pageName ?? FALLBACK_NAME;
  const home = (
    <a href="/" aria-label={props.nameIsHeading ? undefined : `${name} status, home`}>
      {name}
    </a>
  );
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <meta name="description" content={props.description} />
        <link
          rel="alternate"
          type="application/atom+xml"
          title={`${name} notice history (Atom)`}
          href="/history.atom"
        />
        <link
          rel="alternate"
          type="application/rss+xml"
          title={`${name} notice history (RSS)`}
          href="/history.rss"
        />
        <style>{STYLES}</style>
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="wrap">
            {props.nameIsHeading ? <h1 class="site-name">{home}</h1> : <p class="site-name">{home}</p>}
          </div>
        </header>
        <main id="main" class="wrap">
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>Powered by Beacon</p>
            <nav aria-label="History, feeds and API">
              <ul>
                <li>
                  <a href="/history">Notice history</a>
                </li>
                <li>
                  <a href="/history.atom">Atom feed</a>
                </li>
                <li>
                  <a href="/history.rss">RSS feed</a>
                </li>
                <li>
                  <a href="/api/v2/summary.json">JSON API</a>
                </li>
              </ul>
            </nav>
          </div>
        </footer>
      </body>
    </html>
  );
}
