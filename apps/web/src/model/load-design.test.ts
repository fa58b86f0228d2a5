import { describe, expect, it, vi } from 'vitest';
import { smallDoc } from '../test-support/fixtures.ts';
import { issueLines, loadDesignFile, loadDesignText, restoreAutosaved } from './load-design.ts';
import { docToYaml } from './scenario-yaml.ts';

describe('the scenario parser, a chunk of its own', () => {
  it('refuses a design until it has loaded (never half-loads one), then opens it', async () => {
    // A fresh copy of the module: the test set-up (test-setup.ts) loads the parser for every other test.
    vi.resetModules();
    const fresh = await import('./load-design.ts');
    const before = fresh.loadDesignText(docToYaml(smallDoc()), 'small.yaml');
    expect(before.ok).toBe(false);
    if (!before.ok) expect(issueLines(before.issues)[0]).toMatch(/small\.yaml.*still loading/);
    await fresh.loadScenarioParser();
    expect(fresh.loadDesignText(docToYaml(smallDoc()), 'small.yaml').ok).toBe(true);
  });
});

describe('loading designs from outside', () => {
  it('loads a valid file as the document it was written as (units as strings)', () => {
    const r = loadDesignText(docToYaml(smallDoc()), 'small.yaml');
    expect(r.ok && r.doc).toEqual(smallDoc());
  });

  it('rejects YAML errors and schema errors with the file, line and column', () => {
    const bad = loadDesignText('apiVersion: design-sim/v1\nkind: Scenario\nmetadata: {name: x\n', 'bad.yaml');
    expect(bad.ok).toBe(false);
    expect(issueLines(bad.ok ? [] : bad.issues)[0]).toMatch(/^bad\.yaml:\d+:\d+ /);
    const typo = loadDesignText(docToYaml(smallDoc()).replace('minNodes: 6', 'minNode: 6'), 'typo.yaml');
    expect(typo.ok).toBe(false);
    const lines = issueLines(typo.ok ? [] : typo.issues);
    expect(lines.join('\n')).toMatch(/typo\.yaml:\d+:\d+ spec\.nodePools\[0\]\.minNode: unknown field "minNode" \(did you mean "minNodes"\?\)/);
  });

  it('treats a hostile document as data: HTML in a title is just text, alias bombs are refused', () => {
    const html = smallDoc();
    (html.metadata as Record<string, unknown>).title = '<img src=x onerror=alert(1)>';
    const r = loadDesignText(docToYaml(html), 'html.yaml');
    expect(r.ok && (r.doc.metadata as Record<string, unknown>).title).toBe('<img src=x onerror=alert(1)>');
    const bomb = `apiVersion: design-sim/v1\nkind: Scenario\nmetadata: {name: b}\nspec:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`;
    const b = loadDesignText(bomb, 'bomb.yaml');
    expect(b.ok ? '' : b.issues[0]!.message).toMatch(/alias/);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const r = await loadDesignFile({ name: 'big.yaml', size: 5_000_000, text: () => Promise.reject(new Error('must not be read')) });
    expect(r.ok).toBe(false);
  });

  it('restores autosaved work in progress only when it is still scenario-shaped', () => {
    expect(restoreAutosaved(JSON.stringify(smallDoc()))).toEqual(smallDoc());
    expect(restoreAutosaved('{not json')).toBeNull();
    expect(restoreAutosaved(JSON.stringify({ spec: 'x' }))).toBeNull();
    expect(restoreAutosaved(JSON.stringify([1, 2]))).toBeNull();
  });
});
