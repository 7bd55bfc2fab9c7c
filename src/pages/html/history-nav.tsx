import { LEFT_ARROW, RIGHT_ARROW } from './one-byte-html.js';
import type { HistoryLinkViewModel } from './history-view-model.js';

/** Links to the older and newer history pages, each labelled with its months. */
export function HistoryNav(props: {
  readonly older: HistoryLinkViewModel | null;
  readonly newer: HistoryLinkViewModel | null;
}) {
  if (props.older === null && props.newer === null) return null;
  return (
    <nav class="history-nav" aria-label="Older and newer notices">
      {props.older !== null && (
        <a class="older" href={props.older.href}>
          <span aria-hidden="true" dangerouslySetInnerHTML={{ __html: `${LEFT_ARROW} ` }} />
          <span class="sr-only">Older notices: </span>
          {props.older.label}
        </a>
      )}
      {props.newer !== null && (
        <a class="newer" href={props.newer.href}>
          <span class="sr-only">Newer notices: </span>
          {props.newer.label}
          <span aria-hidden="true" dangerouslySetInnerHTML={{ __html: ` ${RIGHT_ARROW}` }} />
        </a>
      )}
    </nav>
  );
}
