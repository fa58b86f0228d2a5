import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readManifests } from './read-manifests.ts';

const cwd = mkdtempSync(join(tmpdir(), 'design-sim-manifests-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('readManifests', () => {
  it('refuses a duplicate key at its line and column', async () => {
    writeFileSync(join(cwd, 'dup.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nkind: Service\n');
    await expect(readManifests(cwd, ['dup.yaml'])).rejects.toThrow('dup.yaml:3:1: YAML syntax error: Map keys must be unique');
  });

  it('reads a ConfigMap with 40,000 keys in seconds (the YAML library\'s own duplicate check is quadratic: 14 s of CPU)', async () => {
    const data = Array.from({ length: 40_000 }, (_, i) => `  k${i}: "${i}"`).join('\n');
    writeFileSync(join(cwd, 'wide.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: wide }\ndata:\n${data}\n`);
    const t0 = performance.now();
    const docs = await readManifests(cwd, ['wide.yaml']);
    expect(Object.keys((docs[0]!.doc as { data: object }).data)).toHaveLength(40_000);
    expect(performance.now() - t0).toBeLessThan(8000);
  });
});
