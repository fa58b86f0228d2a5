import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CodeSpans } from './CodeSpans.tsx';

describe('CodeSpans', () => {
  it('shows backticked words as code, without the backticks', () => {
    const { container } = render(<CodeSpans text="Every request takes `ms`; see `maxSurge=1`." />);
    expect(container.textContent).toBe('Every request takes ms; see maxSurge=1.');
    expect([...container.querySelectorAll('code')].map((c) => c.textContent)).toEqual(['ms', 'maxSurge=1']);
  });

  it('keeps HTML in the text as text, and an unpaired backtick opens a span that runs to the end', () => {
    const { container } = render(<CodeSpans text="<b>x</b> `a" />);
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<b>x</b> a');
    expect(container.querySelector('code')?.textContent).toBe('a');
  });
});
