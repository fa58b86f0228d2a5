import { describe, expect, it } from 'vitest';
import { formatIssue, printable, printableName } from './scenario-issue.ts';

describe('printableName', () => {
  it('escapes what printable() does and also tab and newline, so a file name is one line', () => {
    expect(printableName('a\u001b[31mred\u0007.yaml')).toBe('a\\u001b[31mred\\u0007.yaml');
    expect(printableName('a\nvalid b.yaml')).toBe('a\\u000avalid b.yaml');
    expect(printableName('a\tb.yaml')).toBe('a\\u0009b.yaml');
    expect(printableName('x\u202ey.yaml')).toBe('x\\u202ey.yaml');
    // Letters, emoji and RTL scripts are names like any other.
    expect(printableName('système/日本/שלום 👍.yaml')).toBe('système/日本/שלום 👍.yaml');
    // printable() keeps line breaks: a message may hold several lines, a file name may not.
    expect(printable('a\nb')).toBe('a\nb');
  });

  it('an issue with a newline in its file name is still one line', () => {
    const line = formatIssue({ file: 'a\nb.yaml', line: 3, column: 1, path: 'spec', message: 'bad' });
    expect(line).toBe('a\\u000ab.yaml:3:1 spec: bad');
  });
});
