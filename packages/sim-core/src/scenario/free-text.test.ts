import { describe, expect, it } from 'vitest';
import { formatIssue, printable } from './scenario-issue.ts';
import { parseScenarioText } from './parse-scenario.ts';
import { BASE_YAML } from './scenario-test-builders.ts';
import { steeringCharacter } from './free-text.ts';

describe('steeringCharacter', () => {
  it('finds escapes, C1 controls and bidi overrides; leaves text, tabs, newlines, emoji and RTL letters alone', () => {
    expect(steeringCharacter('\u001b[2J')).toBe('U+001B at character 1');
    expect(steeringCharacter('ok\u009b31m')).toBe('U+009B at character 3');
    expect(steeringCharacter('abc\u202edef')).toBe('U+202E at character 4');
    expect(steeringCharacter('a\u2066b')).toBe('U+2066 at character 2');
    expect(steeringCharacter('x\ry')).toBe('U+000D at character 2');
    expect(steeringCharacter('line one\n\tline two — 55 replicas, 👨\u200d👩\u200d👧, שלום, 日本')).toBeUndefined();
  });
});

describe('free text in a scenario', () => {
  it('a title that would clear the terminal is refused at its line, shown escaped', () => {
    const text = BASE_YAML.replace(/( {2}name: [^\n]*\n)/, '$1  title: "\\e[2J\\e]0;pwned\\a"\n');
    expect(text).toContain('title: "\\e[2J');
    const r = parseScenarioText(text, 's.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const line = text.split('\n').findIndex((l) => l.includes('title:')) + 1;
      expect(r.issues.map(formatIssue)).toEqual([
        `s.yaml:${line}:10 metadata.title: contains the control character U+001B at character 1: control characters, escape sequences and bidirectional overrides would act on a terminal (or break the SVG chart); remove it`,
      ]);
    }
  });

  it('a description over several lines with tabs is still text', () => {
    const text = BASE_YAML.replace(/( {2}name: [^\n]*\n)/, '$1  description: |\n    first line\n    \tsecond, tabbed\n');
    expect(parseScenarioText(text, 's.yaml').ok).toBe(parseScenarioText(BASE_YAML, 's.yaml').ok);
  });

  it('what free text refuses, a message quoting the file escapes (one list of ranges, widened there by invisible characters)', () => {
    let refused = 0;
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (steeringCharacter(ch) === undefined) continue;
      refused++;
      expect(printable(ch)).toBe(`\\u${c.toString(16).padStart(4, '0')}`);
    }
    // 0x00–0x08, 0x0b–0x1f, 0x7f–0x9f, U+202A–U+202E, U+2066–U+2069: 9 + 21 + 33 + 5 + 4.
    expect(refused).toBe(72);
    expect(printable('db\u200b')).toBe('db\\u200b');
    expect(steeringCharacter('db\u200b')).toBeUndefined();
  });
});
