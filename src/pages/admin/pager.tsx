/** "Newer · Page 2 of 5 · Older" under a newest-first list; nothing when it fits on one page. */
export function Pager(props: {
  readonly label: string;
  readonly page: number;
  readonly pages: number;
  readonly href: (page: number) => string;
}) {
  const { label, page, pages, href } = props;
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={label}>
      {page > 1 ? <a href={href(page - 1)}>Newer</a> : <span />}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <a href={href(page + 1)}>Older</a> : <span />}
    </nav>
  );
}
