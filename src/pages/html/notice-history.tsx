import { Heading, deeper, type HeadingLevel } from './heading.js';
import type { HistoryMonthViewModel } from './history-view-model.js';
import type { NoticeViewModel } from './notice-view-model.js';
import { NoticeTimeline } from './notice-timeline.js';

/** Months newest first, each with its notices or "No notices reported this month". */
export function NoticeMonths(props: {
  readonly months: readonly HistoryMonthViewModel[];
  readonly headingLevel: HeadingLevel;
}) {
  const noticeLevel = deeper(props.headingLevel);
  return (
    <>
      {props.months.map((month) => (
        <section class="notice-month" id={month.anchorId} aria-labelledby={`${month.anchorId}-heading`}>
          <Heading level={props.headingLevel} id={`${month.anchorId}-heading`}>
            {month.heading}
          </Heading>
          {month.notices.length === 0 ? (
            <p class="empty">No notices reported this month</p>
          ) : (
            <ul class="notices">
              {month.notices.map((notice) => (
                <li>
                  <NoticeSummary notice={notice} headingLevel={noticeLevel} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

/** A notice's name (linking to its page), impact, schedule and its timeline. */
export function NoticeSummary(props: {
  readonly notice: NoticeViewModel;
  readonly headingLevel: HeadingLevel;
}) {
  const { notice } = props;
  return (
    <article class={`notice i-${notice.impact}`} aria-labelledby={`notice-${notice.id}`}>
      <Heading level={props.headingLevel} class="notice-title">
        <a href={notice.href} id={`notice-${notice.id}`}>
          {notice.name}
        </a>
        <ImpactBadge notice={notice} />
      </Heading>
      {notice.scheduleText !== null && <p class="meta">{notice.scheduleText}</p>}
      <NoticeTimeline entries={notice.entries} bodyHeadingLevel={deeper(props.headingLevel)} />
      {notice.entryCount > notice.entries.length && (
        <p class="more">
          <a href={notice.href}>
            See all {notice.entryCount} updates<span class="sr-only"> of {notice.name}</span>
          </a>
        </p>
      )}
    </article>
  );
}

export function ImpactBadge({ notice }: { readonly notice: NoticeViewModel }) {
  return <span class={`impact impact-${notice.impact}`}>{notice.impactLabel}</span>;
}
