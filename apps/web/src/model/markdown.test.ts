import { describe, expect, it } from 'vitest';
import { markdownToSafeHtml } from './markdown.ts';

describe('scenario Markdown', () => {
  it('renders lists, emphasis and links; links open in a new tab', () => {
    const html = markdownToSafeHtml('Design **autoscaling**:\n\n- 1000 QPS peak\n- 100 QPS off-peak\n\n[docs](https://example.org/a)');
    expect(html).toContain('<strong>autoscaling</strong>');
    expect(html).toMatch(/<li>1000 QPS peak<\/li>\s*<li>100 QPS off-peak<\/li>/);
    expect(html).toContain('<a href="https://example.org/a" target="_blank" rel="noopener noreferrer">docs</a>');
  });
  // Sanitising is checked in a real browser (e2e: a hostile import's notes): happy-dom's parser lets
  // DOMPurify miss attributes that Chromium's does not, so a pass here would prove nothing.
});
