// services[].podAnnotations: the known keys' values as their autoscalers read them (kubernetes-sigs/karpenter @
// 2266468104f36373ed002241afaee2d3bbc26078 pkg/utils/pod/scheduling.go `IsDoNotDisruptActive`; kubernetes/autoscaler @
// cb2123ed utils/drain/drain.go `HasSafeToEvictAnnotation`, `HasNotSafeToEvictAnnotation`), other keys kept with a
// warning, every refusal located at its key.
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from './parse-scenario.ts';
import { podDisruptionControls } from './pod-annotations.ts';

const doc = (annotations: string) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: x }
spec:
  duration: 10m
  traffic: { profile: { type: constant, qps: 1 } }
  services:
    - name: m
      latency: { distribution: constant, ms: 5 }
      podAnnotations: ${annotations}
`;

const parse = (annotations: string) => parseScenarioText(doc(annotations), 'x.yaml');
const issues = (annotations: string): string[] => {
  const r = parse(annotations);
  return r.ok ? [] : r.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
};

describe('services[].podAnnotations', () => {
  it('reads "true" and "false" of the two known keys; "false" of do-not-disrupt does nothing, as upstream', () => {
    expect(podDisruptionControls({ 'karpenter.sh/do-not-disrupt': 'true' })).toEqual({ doNotDisrupt: true, safeToEvict: null });
    expect(podDisruptionControls({ 'karpenter.sh/do-not-disrupt': 'false' })).toEqual({ doNotDisrupt: false, safeToEvict: null });
    expect(podDisruptionControls({ 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' })).toEqual({ doNotDisrupt: false, safeToEvict: false });
    expect(podDisruptionControls({ 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' })).toEqual({ doNotDisrupt: false, safeToEvict: true });
    expect(podDisruptionControls(undefined)).toEqual({ doNotDisrupt: false, safeToEvict: null });
    const r = parse('{ "karpenter.sh/do-not-disrupt": "true", "cluster-autoscaler.kubernetes.io/safe-to-evict": "false" }');
    expect(r.ok && r.scenario.spec.services[0]!.podAnnotations).toEqual({ 'karpenter.sh/do-not-disrupt': 'true', 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' });
    expect(r.ok && r.warnings).toEqual([]);
  });

  it('keeps an unknown key and warns that it has no effect', () => {
    const r = parse('{ "prometheus.io/scrape": "true" }');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.spec.services[0]!.podAnnotations).toEqual({ 'prometheus.io/scrape': 'true' });
    expect(r.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'spec.services[0].podAnnotations["prometheus.io/scrape"]: "prometheus.io/scrape" has no effect in the simulation (kept for export k8s); only karpenter.sh/do-not-disrupt and cluster-autoscaler.kubernetes.io/safe-to-evict are read',
    ]);
  });

  it('refuses another value of a known key, a duration of do-not-disrupt, a non-string value and a bad key, at the key', () => {
    expect(issues('{ "karpenter.sh/do-not-disrupt": "yes" }')).toEqual([
      '10:56 spec.services[0].podAnnotations["karpenter.sh/do-not-disrupt"]: expected "true" (the node is not disrupted voluntarily while the pod runs) or "false" (no effect; Karpenter ignores a value it cannot parse), got "yes"',
    ]);
    expect(issues('{ "karpenter.sh/do-not-disrupt": "30m" }')).toEqual([
      '10:56 spec.services[0].podAnnotations["karpenter.sh/do-not-disrupt"]: expected "true" or "false": the duration form ("30m": protected until the pod has run that long) is valid in Karpenter but not simulated',
    ]);
    expect(issues('{ "cluster-autoscaler.kubernetes.io/safe-to-evict": "no" }')).toEqual([
      '10:75 spec.services[0].podAnnotations["cluster-autoscaler.kubernetes.io/safe-to-evict"]: expected "false" (the node is not removed by scale-down) or "true" (the pod does not block scale-down), got "no"',
    ]);
    expect(issues('{ "karpenter.sh/do-not-disrupt": true }')).toHaveLength(1);
    expect(issues('{ "-bad/": "x" }')).toHaveLength(1);
  });

  it('says what an annotation key must be, at the key: zod said only "Invalid key in record"', () => {
    // Found by the CLI fuzzer (jobs[].podAnnotations with the key "-bad/key-").
    expect(issues('{ "-bad/key-": "x" }')).toMatchInlineSnapshot(`
      [
        "10:25 spec.services[0].podAnnotations["-bad/key-"]: must be an annotation key: an optional DNS-subdomain prefix and "/", then 1–63 letters, digits, "-", "_" or "." (starting and ending with a letter or digit), got "-bad/key-"",
      ]
    `);
    const long = issues(`{ "${'a'.repeat(318)}": "x" }`);
    expect(long).toHaveLength(1);
    expect(long[0]).toMatch(/^10:25 spec\.services\[0\]\.podAnnotations\.a{318}: must be at most 317 characters long, got 318$/);
  });
});

describe('nodePools[].karpenter.nodeAnnotations', () => {
  const pool = (annotations: string) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: x }
spec:
  duration: 10m
  traffic: { profile: { type: constant, qps: 1 } }
  services:
    - { name: m, latency: { distribution: constant, ms: 5 }, nodePool: gpu }
  nodePools:
    - name: gpu
      provisioner: karpenter
      karpenter: { instanceTypes: [aws/us-east-1/g5.xlarge], nodeAnnotations: ${annotations} }
`;
  it('refuses a do-not-disrupt value other than "true" or "false" at the key, and warns about other keys', () => {
    const bad = parseScenarioText(pool('{ "karpenter.sh/do-not-disrupt": "1h" }'), 'x.yaml');
    expect(bad.ok ? [] : bad.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'spec.nodePools[0].karpenter.nodeAnnotations["karpenter.sh/do-not-disrupt"]: expected "true" (no node of the pool is consolidated or drifted) or "false" (no effect), got "1h"',
    ]);
    const other = parseScenarioText(pool('{ "example.com/team": "serving" }'), 'x.yaml');
    expect(other.ok && other.warnings.map((w) => w.message)).toEqual(['"example.com/team" has no effect in the simulation (kept for export k8s); only karpenter.sh/do-not-disrupt is read on nodes']);
  });
});

describe('jobs[].podAnnotations', () => {
  const jobDoc = (annotations: string) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: x }
spec:
  duration: 10m
  traffic: { profile: { type: constant, qps: 1 } }
  services:
    - { name: m, latency: { distribution: constant, ms: 5 }, nodePool: gpu }
  nodePools: [{ name: gpu, instance: aws/us-east-1/g5.xlarge, initialNodes: 1, maxNodes: 1 }]
  teams: [{ name: t }]
  jobs:
    - { name: j, team: t, nodePool: gpu, gpusPerPod: 1, duration: 5m, podAnnotations: ${annotations} }
`;
  it('the same keys and values as a service\'s, refused at the key, an unknown key kept with a warning', () => {
    const ok = parseScenarioText(jobDoc('{ "karpenter.sh/do-not-disrupt": "true", "example.com/owner": "ml" }'), 'x.yaml');
    expect(ok.ok && ok.scenario.spec.jobs[0]!.podAnnotations).toEqual({ 'karpenter.sh/do-not-disrupt': 'true', 'example.com/owner': 'ml' });
    expect(ok.ok && ok.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'spec.jobs[0].podAnnotations["example.com/owner"]: "example.com/owner" has no effect in the simulation; only karpenter.sh/do-not-disrupt and cluster-autoscaler.kubernetes.io/safe-to-evict are read',
    ]);
    const bad = parseScenarioText(jobDoc('{ "cluster-autoscaler.kubernetes.io/safe-to-evict": "never" }'), 'x.yaml');
    expect(bad.ok ? [] : bad.issues.map((i) => `${i.line} ${i.path}: ${i.message}`)).toEqual([
      '12 spec.jobs[0].podAnnotations["cluster-autoscaler.kubernetes.io/safe-to-evict"]: expected "false" (the node is not removed by scale-down) or "true" (the pod does not block scale-down), got "never"',
    ]);
  });
});
