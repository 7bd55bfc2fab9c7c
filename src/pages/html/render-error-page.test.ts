import { describe, expect, it } from 'vitest';
import { renderErrorPage, renderNotFoundPage } from './render-error-page.js';
import { buildTestPageData } from './test-page-data.js';

describe('renderNotFoundPage', () => {
  it('uses the status page frame and links home', () => {
    const html = renderNotFoundPage(buildTestPageData(), {});
    expect(html).toContain('<h1>Page not found</h1>');
    expect(html).toContain('<a href="/">Go to the status page</a>');
    expect(html).toContain('>Watermelon</a>');
  });

  it('works without page data and shows a given message escaped', () => {
    const html = renderNotFoundPage(null, { message: 'No incident "<b>x</b>".' });
    expect(html).toContain('<title>Page not found</title>');
    expect(html).toContain('No incident &quot;&lt;b>x&lt;/b>&quot;.');
  });
});

describe('renderErrorPage', () => {
  it('shows the title and the message naming the bad parameter', () => {
    const html = renderErrorPage(buildTestPageData(), {
      status: 400,
      title: 'Bad request',
      message: 'The "from" parameter must be a month written as YYYY-MM.',
    });
    expect(html).toContain('<title>Bad request - Watermelon status</title>');
    expect(html).toContain('<h1>Bad request</h1>');
    expect(html).toContain('The &quot;from&quot; parameter must be a month');
    expect(html).toContain('Error 400');
  });
});
