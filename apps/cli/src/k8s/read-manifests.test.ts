import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importK8s } from './import-k8s.ts';
import { readManifests } from './read-manifests.ts';

const cwd = mkdtempSync(join(tmpdir(), 'design-sim-manifests-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('readManifests', () => {
  it('names the line of a document (or List item) that is not a Kubernetes object, and what it lacks', async () => {
    // Was "m.yaml: a document without apiVersion, kind and metadata.name is not a Kubernetes object: skipped", twice.
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec: { replicas: 1 }\n';
    writeFileSync(join(cwd, 'm.yaml'), `${deployment}---\nkind: Deployment\nmetadata: { name: b }\n---\napiVersion: v1\nkind: List\nitems:\n  - { apiVersion: v1, metadata: {} }\n`);
    const notes = importK8s(await readManifests(cwd, ['m.yaml'])).notes.filter((n) => n.message.includes('not a Kubernetes object'));
    expect(notes.map((n) => `${n.file} ${n.message}`)).toEqual([
      'm.yaml:6:1 a document without apiVersion (a string) is not a Kubernetes object: skipped',
      'm.yaml:12:5 items[0] of a List without kind, metadata.name (strings) is not a Kubernetes object: skipped',
    ]);
  });

  it('refuses a duplicate key at its line and column', async () => {
    writeFileSync(join(cwd, 'dup.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nkind: Service\n');
    await expect(readManifests(cwd, ['dup.yaml'])).rejects.toThrow('dup.yaml:3:1: YAML syntax error: Map keys must be unique');
    // The JSON fast path (JSON.parse) kept the last of two keys: 30 replicas imported, exit 0.
    writeFileSync(join(cwd, 'dup.json'), '{"apiVersion": "apps/v1", "kind": "Deployment",\n "spec": {"replicas": 3, "replicas": 30}}\n');
    await expect(readManifests(cwd, ['dup.json'])).rejects.toThrow('dup.json:2:26: duplicate key "replicas": each key may appear once in an object (JSON.parse would keep the last silently)');
  });

  it('resolves merge keys as kubectl does, so a merged container keeps its resources', async () => {
    // Read as YAML 1.2, the sidecar kept "<<" as an unknown key and no resources: 1 GPU imported for a pod of 2.
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  template:\n    spec:\n      containers:\n        - &c\n          name: api\n          resources: { limits: { nvidia.com/gpu: 1 } }\n        - <<: *c\n          name: sidecar\n';
    writeFileSync(join(cwd, 'merge.yaml'), text);
    const [doc] = await readManifests(cwd, ['merge.yaml']);
    const containers = (doc!.doc as { spec: { template: { spec: { containers: unknown[] } } } }).spec.template.spec.containers;
    expect(containers).toEqual([
      { name: 'api', resources: { limits: { 'nvidia.com/gpu': 1 } } },
      { name: 'sidecar', resources: { limits: { 'nvidia.com/gpu': 1 } } },
    ]);
    // A merge bomb is still an alias bomb: each *a in a merge list counts against MAX_YAML_ALIASES.
    const bomb = ['a: &a { x: 1 }', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} { <<: [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}] }`)].join('\n');
    writeFileSync(join(cwd, 'merge-bomb.yaml'), bomb);
    await expect(readManifests(cwd, ['merge-bomb.yaml'])).rejects.toThrow('too many YAML alias expansions (limit 100)');
  });

  it('reads a ConfigMap with 40,000 keys in seconds (the YAML library\'s own duplicate check is quadratic: 14 s of CPU)', async () => {
    const data = Array.from({ length: 40_000 }, (_, i) => `  k${i}: "${i}"`).join('\n');
    writeFileSync(join(cwd, 'wide.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: wide }\ndata:\n${data}\n`);
    const t0 = performance.now();
    const docs = await readManifests(cwd, ['wide.yaml']);
    expect(Object.keys((docs[0]!.doc as { data: object }).data)).toHaveLength(40_000);
    expect(performance.now() - t0).toBeLessThan(8000);
  });

  it('refuses 8 million levels of [ or of "- " in a 16 MiB file before the parser, at the line and column, in seconds', async () => {
    // Before: the [ file ran past 60 s, the "- " file took 60 s and 2.2 GB (the parser recursing to its stack's end).
    writeFileSync(join(cwd, 'flow.yaml'), `apiVersion: v1\nkind: List\nitems: ${'['.repeat(8_000_000)}\n`);
    writeFileSync(join(cwd, 'block.yaml'), `apiVersion: v1\nkind: List\nitems:\n  ${'- '.repeat(8_000_000)}x\n`);
    const t0 = performance.now();
    await expect(readManifests(cwd, ['flow.yaml'])).rejects.toThrow(`flow.yaml:3:${8 + 256}: the document nests too deeply to be a manifest: more than 256 levels of [ or { (docs/limits.md)`);
    // Line 4 opens under items (two indents: 0 and 2), so the 255th "- " is the 257th level: column 3 + 2 × 254.
    await expect(readManifests(cwd, ['block.yaml'])).rejects.toThrow(`block.yaml:4:${3 + 2 * 254}: the document nests too deeply to be a manifest: more than 256 levels of nested lists or mappings (docs/limits.md)`);
    expect(performance.now() - t0).toBeLessThan(6000); // 1.4 s on a loaded 2-core machine, reading 32 MB included
  });
});
