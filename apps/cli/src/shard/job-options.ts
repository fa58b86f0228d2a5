/**
 * The options sweep and optimize share for running on Kubernetes: `--shard I/N` runs one slice here,
 * `--emit-k8s-job N` prints the manifest that runs all N slices as an Indexed Job instead of running.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { CLI_VERSION } from '../cli-version.ts';
import { CliError } from '../cli-error.ts';
import type { ScenarioOptions } from '../commands/scenario-options.ts';
import { parsePositiveInteger } from '../commands/option-parsers.ts';
import type { CliContext } from '../context.ts';
import { dnsLabel, indexedJobManifest } from './k8s-job.ts';
import { MAX_SHARDS } from './shard-file.ts';
import { checkImageOption } from '../k8s/container-image.ts';

/** Parsed shard and job options. */
export interface JobOptions {
  shard?: string;
  emitK8sJob?: number;
  image?: string;
  resultsPvc: string;
  parallelism?: number;
  cpus: number;
}

/** Adds --shard, --emit-k8s-job and the Job's settings to `cmd`. */
export function addJobOptions(cmd: Command): Command {
  return cmd
    .option('--shard <i/n>', 'run only slice i of n (1-based) and print a shard file for `design-sim merge`')
    .option('--emit-k8s-job <n>', 'print a Kubernetes Indexed Job that runs the work as n shards, instead of running it', parsePositiveInteger)
    .option('--image <image>', `container image with design-sim on its PATH (default design-sim:${CLI_VERSION})`)
    .option('--results-pvc <claim>', 'ReadWriteMany PersistentVolumeClaim the shard pods write to (mounted at /results)', 'design-sim-results')
    .option('--parallelism <n>', 'shard pods running at once (default: all)', parsePositiveInteger)
    .option('--cpus <n>', 'CPUs per shard pod (and its worker threads)', parsePositiveInteger, 2);
}

/** The scenario options as command-line words, to repeat them in the Job. */
export function scenarioArgs(o: ScenarioOptions): string[] {
  const out: string[] = [];
  if (o.seed !== undefined) out.push('--seed', String(o.seed));
  if (o.duration !== undefined) out.push('--duration', o.duration);
  if (o.interval !== undefined) out.push('--interval', o.interval);
  for (const s of o.set ?? []) out.push('--set', s);
  return out;
}

/**
 * Most CPUs a shard pod may request (`--cpus`): the largest node of the catalog has 208 vCPUs and the largest cloud
 * VMs a few hundred, and a pod asking for more than any node has stays Pending for ever (`--cpus 1000000000` was written into the Job).
 */
export const MAX_SHARD_POD_CPUS = 512;

/** A PersistentVolumeClaim name: a DNS-1123 subdomain (lower-case alphanumerics, '-' and '.'), at most 253 characters. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Refuses Job settings the API server would refuse (or a pod that could never start), before anything is printed:
 * `--image ""` and `--results-pvc "BAD PVC"` were written into a Job that `kubectl apply` rejects.
 */
function checkJobSettings(o: JobOptions): void {
  checkImageOption(o.image, `registry.example.com/design-sim:${CLI_VERSION}`);
  if (o.resultsPvc.length > 253 || !DNS_SUBDOMAIN.test(o.resultsPvc)) throw new CliError(`--results-pvc ${JSON.stringify(o.resultsPvc)}: expected a PersistentVolumeClaim name (lower-case letters, digits, '-' and '.', at most 253 characters), e.g. design-sim-results`);
  if (o.cpus > MAX_SHARD_POD_CPUS) throw new CliError(`--cpus ${o.cpus}: at most ${MAX_SHARD_POD_CPUS} CPUs per shard pod (no node has more; docs/limits.md)`);
}

/** Prints the ConfigMap + Indexed Job for `command` over `file`. */
export function emitJob(ctx: CliContext, command: 'sweep' | 'optimize', file: string, bytes: Uint8Array, scenarioName: string, args: string[], o: JobOptions): void {
  const shards = o.emitK8sJob ?? 1;
  if (shards > MAX_SHARDS) throw new CliError(`--emit-k8s-job ${shards}: at most ${MAX_SHARDS} shards`);
  if (o.shard !== undefined) throw new CliError('--emit-k8s-job: the Job gives each pod its own --shard; drop --shard');
  checkJobSettings(o);
  const text = new TextDecoder().decode(bytes);
  ctx.stdout.write(
    indexedJobManifest({
      name: dnsLabel(`design-sim-${command}-${scenarioName}`, 52), // room for the Job controller's pod-name suffixes
      command,
      fileName: dnsLabel(basename(file).replace(/\.(ya?ml|json)$/i, ''), 200) + (/\.json$/i.test(file) ? '.json' : '.yaml'),
      fileText: text,
      args,
      shards,
      parallelism: Math.min(o.parallelism ?? shards, shards),
      image: o.image ?? `design-sim:${CLI_VERSION}`,
      resultsClaim: o.resultsPvc,
      cpus: o.cpus,
    }),
  );
}
