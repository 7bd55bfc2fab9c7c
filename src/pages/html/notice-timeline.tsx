import { oneByteHtml } from './one-byte-html.js';
import type { HeadingLevel } from './heading.js';
import { MarkdownBody } from './markdown-body.js';
import type { NoticeEntryViewModel, TimeViewModel } from './notice-view-model.js';

/** A notice's postmortem and updates, in the order given (newest first). */
export function NoticeTimeline(props: {
  readonly entries: readonly NoticeEntryViewModel[];
  readonly bodyHeadingLevel: HeadingLevel;
}) {
  return (
    <ol class="timeline">
      {props.entries.map((entry) => (
        <li class={`entry entry-${entry.kind}`}>
          <p class="entry-label">{entry.label}</p>
          <MarkdownBody html={entry.bodyHtml} headingLevel={props.bodyHeadingLevel} />
          {entry.changes.length > 0 && (
            <ul class="changes" aria-label="Component changes">
              {entry.changes.map((change) => (
                <li dangerouslySetInnerHTML={{ __html: oneByteHtml(change) }} />
              ))}
            </ul>
          )}
          <p class="entry-time">
            {entry.kind === 'postmortem' ? 'Published ' : ''}
            <DisplayTime time={entry.time} />
          </p>
        </li>
      ))}
    </ol>
  );
}

export function DisplayTime({ time }: { readonly time: TimeViewModel }) {
  return <time dateTime={time.iso}>{time.text}</time>;
}
