import { expect, it } from 'vitest';
import { shiftHeadings } from './markdown-body.js';
import { STYLES } from './styles.js';

it('keeps the stylesheet free of characters that text escaping would change', () => {
  expect(STYLES).not.toMatch(/[<&"]/);
});

it('moves markdown headings below the surrounding heading level', () => {
  expect(shiftHeadings('<h1>A</h1><p>&lt;h1&gt;</p><h2>B</h2><h6>C</h6>', 3)).toBe(
    '<h3>A</h3><p>&lt;h1&gt;</p><h4>B</h4><h6>C</h6>',
  );
  expect(shiftHeadings('<h2>A</h2><h3>B</h3>', 3)).toBe('<h3>A</h3><h4>B</h4>');
  expect(shiftHeadings('<h5>A</h5>', 3)).toBe('<h3>A</h3>');
});
