import { MarkdownBody } from './markdown-body.js';
import { ImpactBadge } from './notice-history.js';
import { DisplayTime } from './notice-timeline.js';
import type { NoticeViewModel } from './notice-view-model.js';

/** An open incident or maintenance on the home page: its latest update and a link to the rest. */
export function NoticeCard({ notice }: { readonly notice: NoticeViewModel }) {
  const latest = notice.entries.find((entry) => entry.kind === 'update');
  return (
    <article class={`card i-${notice.impact}`}>
      <h3 class="notice-title">
        <a href={notice.href}>{notice.name}</a>
        <ImpactBadge notice={notice} />
      </h3>
      {notice.scheduleText !== null && <p class="meta">{notice.scheduleText}</p>}
      {notice.componentNames.length > 0 && <p class="meta">Affects {notice.componentNames.join(', ')}</p>}
      {latest === undefined ? (
        <p class="meta">{notice.statusLabel}</p>
      ) : (
        <>
          <p class="entry-label">{latest.label}</p>
          <MarkdownBody html={latest.bodyHtml} headingLevel={4} />
          <p class="entry-time">
            <DisplayTime time={latest.time} />
          </p>
        </>
      )}
      <p>
        <a href={notice.href}>
          All updates<span class="sr-only"> for {notice.name}</span>
        </a>
      </p>
    </article>
  );
}
