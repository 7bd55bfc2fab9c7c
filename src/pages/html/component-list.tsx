import { renderToString } from 'preact-render-to-string';
import type { ComponentEntryViewModel, ComponentRowViewModel } from './component-row-view-model.js';
import type { RenderMemo } from './render-memo.js';
import { StatusText } from './status-icon.js';
import { UptimeBars } from './uptime-bars.js';

/** The home page's components: groups with their children, and standalone components, in page order. */
export function ComponentList({
  entries,
  memo,
}: {
  readonly entries: readonly ComponentEntryViewModel[];
  readonly memo?: RenderMemo | undefined;
}) {
  const row = (child: ComponentRowViewModel) =>
    memo === undefined ? (
      <li>
        <ComponentRow row={child} />
      </li>
    ) : (
      <li dangerouslySetInnerHTML={{ __html: memoizedRowHtml(child, memo) }} />
    );
  return (
    <section aria-labelledby="components-heading">
      <h2 id="components-heading" class="sr-only">
        Components
      </h2>
      <ul class="components">
        {entries.map((entry) =>
          entry.kind === 'group' ? (
            <li class="group">
              <div class="group-head">
                <div class="group-name">
                  <h3>
                    <a href={entry.href}>{entry.name}</a>
                  </h3>
                  <span class="group-uptime">{entry.uptimeText} uptime</span>
                </div>
                <StatusText status={entry.status} label={entry.statusLabel} />
              </div>
              {entry.description !== null && <p class="description">{entry.description}</p>}
              <ul class="children">{entry.children.map(row)}</ul>
            </li>
          ) : (
            row(entry)
          ),
        )}
      </ul>
    </section>
  );
}

export function ComponentRow({
  row,
  large,
}: {
  readonly row: ComponentRowViewModel;
  readonly large?: boolean;
}) {
  return (
    <div class="component">
      <div class="component-head">
        <a class="component-name" href={row.href}>
          {row.name}
        </a>
        <StatusText status={row.status} label={row.statusLabel} />
      </div>
      {row.description !== null && <p class="description">{row.description}</p>}
      <UptimeBars name={row.name} bars={row.bars} large={large ?? false} />
    </div>
  );
}

/** A row's HTML, rendered once for as long as its bars and its own text stay the same. */
function memoizedRowHtml(row: ComponentRowViewModel, memo: RenderMemo): string {
  const key = [row.name, row.href, row.description ?? '', row.status, row.statusLabel].join('\n');
  return memo.rowHtml(row.bars, key, () => renderToString(<ComponentRow row={row} />));
}
