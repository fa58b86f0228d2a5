/**
 * `--emit-k8s-job N`: the manifest that runs a sweep or optimize as N shards on Kubernetes itself, no
 * scheduler of our own. A ConfigMap carries the scenario file; an Indexed Job (batch/v1,
 * completionMode: Indexed) runs N pods, pod i running `--shard i+1/N` from its JOB_COMPLETION_INDEX
 * (set by the Job controller for Indexed Jobs) and writing its shard file to a shared volume; then
 * `design-sim merge` combines the files. docs/cli.md has a worked example.
 */
import { stringify } from 'yaml';

/** What the Job needs. */
export interface IndexedJobSpec {
  /** Kubernetes name of the ConfigMap and Job (a DNS label). */
  name: string;
  command: 'sweep' | 'optimize';
  /** The scenario file's base name and text. */
  fileName: string;
  fileText: string;
  /** The command's arguments after the file (without --shard and the job options). */
  args: string[];
  shards: number;
  /** Pods at once (default: all shards). */
  parallelism: number;
  image: string;
  /** A ReadWriteMany PersistentVolumeClaim every pod mounts at /results. */
  resultsClaim: string;
  /** CPUs each pod requests; the command runs that many worker threads. */
  cpus: number;
}

/** Quotes a word for sh: 'it'\''s'. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A DNS-1123 label from `text`: lower-case alphanumerics and dashes, at most `max` characters. */
export function dnsLabel(text: string, max = 63): string {
  const s = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return (s.slice(0, max).replace(/-+$/, '') || 'design-sim');
}

/** The ConfigMap and the Indexed Job, as one multi-document YAML text. */
export function indexedJobManifest(spec: IndexedJobSpec): string {
  const labels = { 'app.kubernetes.io/name': 'design-sim', 'app.kubernetes.io/instance': spec.name };
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: spec.name, labels },
    data: { [spec.fileName]: spec.fileText },
  };
  const shard = '$((JOB_COMPLETION_INDEX + 1))';
  const out = `/results/${spec.name}/shard-${shard}-of-${spec.shards}.json`;
  const cli = ['design-sim', spec.command, `/scenario/${spec.fileName}`, ...spec.args, '--workers', String(spec.cpus)].map(shellQuote).join(' ');
  // Write to a temporary name and rename, so a pod that dies mid-way never leaves a truncated shard file.
  const script = `set -e\nmkdir -p /results/${spec.name}\n${cli} --shard ${shard}/${spec.shards} > ${out}.tmp\nmv ${out}.tmp ${out}\n`;
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: spec.name, labels },
    spec: {
      completionMode: 'Indexed',
      completions: spec.shards,
      parallelism: spec.parallelism,
      // Retry a failed shard on its own (backoffLimitPerIndex, GA in Kubernetes 1.33) instead of failing the Job.
      backoffLimitPerIndex: 2,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'design-sim',
              image: spec.image,
              command: ['sh', '-c', script],
              resources: { requests: { cpu: String(spec.cpus), memory: '1Gi' }, limits: { memory: '2Gi' } },
              volumeMounts: [
                { name: 'scenario', mountPath: '/scenario', readOnly: true },
                { name: 'results', mountPath: '/results' },
              ],
            },
          ],
          volumes: [
            { name: 'scenario', configMap: { name: spec.name } },
            { name: 'results', persistentVolumeClaim: { claimName: spec.resultsClaim } },
          ],
        },
      },
    },
  };
  const yaml = (doc: unknown) => stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
  return `${yaml(configMap)}---\n${yaml(job)}`;
}
