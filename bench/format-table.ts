/** A plain-text table: columns padded to their widest cell, numbers-looking cells right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const numeric = /^[-+]?[\d.,]+( ?[a-zA-Z%]+)?$/;
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric.test(cell) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
