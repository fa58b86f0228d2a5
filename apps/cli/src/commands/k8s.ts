/**
 * `design-sim export k8s FILE` and `design-sim import k8s FILES...`: a scenario to manifests a team can
 * apply, and a team's manifests to a scenario (k8s/ holds the mapping; this file reads, writes and
 * reports). Notes (placeholders, estimates, what was not mapped or skipped) go to stderr as `note:` lines.
 */
import { MAX_NODE_POOLS, MAX_SERVICES, parseScenarioText, printableName, validateScenarioReferences, type ScenarioIssue } from '@design-sim/sim-core';
import { Option, type Command } from 'commander';
import { parse, stringify } from 'yaml';
import { CliError } from '../cli-error.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { formatIssueLines } from '../format/issues.ts';
import { loadScenario } from '../io/load-scenario.ts';
import { inputOptions } from '../io/read-input.ts';
import { checkOutputPath, refuseInputAsOutput, writeOutputFile } from '../io/write-output-file.ts';
import { exportK8s, manifestsYaml } from '../k8s/export-k8s.ts';
import { importK8s, SUPPORTED_KINDS, type ImportNote, type ImportResult, type ManifestDoc } from '../k8s/import-k8s.ts';
import { atManifestField } from '../k8s/import-origins.ts';
import { readManifests } from '../k8s/read-manifests.ts';
import type { NodeProvisioner } from '../k8s/node-pool-labels.ts';
import type { CommandEnv } from './command-env.ts';
import { parseHealthPath, parseLatencyOption, parsePort } from './option-parsers.ts';
import { checkImageOption } from '../k8s/container-image.ts';

interface ExportOptions {
  nodePools: NodeProvisioner;
  image?: string;
  port: number;
  healthPath: string;
  out?: string;
}

interface ImportOptions {
  qps?: string;
  latency?: number;
  name?: string;
  out?: string;
}

async function exportCommand(env: CommandEnv, file: string, o: ExportOptions): Promise<void> {
  const { ctx } = env;
  checkImageOption(o.image, 'vllm/vllm-openai:v0.9.2');
  if (o.out !== undefined) {
    await checkOutputPath(ctx.cwd, o.out, '--out');
    await refuseInputAsOutput(ctx.cwd, o.out, [file], '--out');
  }
  const loaded = await loadScenario(file, ctx.cwd, [], inputOptions(ctx));
  if (!loaded.ok) throw new CliError('invalid scenario', { issues: loaded.issues });
  if (loaded.scenario.spec.services.length === 0) throw new CliError(`${file}: nothing to deploy: the scenario has no services`);
  let result;
  try {
    result = exportK8s(loaded.scenario, parse(loaded.text) as Record<string, unknown>, { provisioner: o.nodePools, port: o.port, healthPath: o.healthPath, ...(o.image === undefined ? {} : { image: o.image }) });
  } catch (e) {
    throw new CliError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const text = `# Kubernetes manifests for ${printableName(file)} (design-sim export k8s). Kubernetes 1.36 API versions.\n${manifestsYaml(result.objects)}`;
  if (o.out === undefined) ctx.stdout.write(text);
  else await writeOutputFile(ctx.cwd, o.out, text, '--out');
  for (const n of result.notes) ctx.stderr.write(`note: ${n}\n`);
  env.exit(EXIT_OK);
}

const asObj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * An issue of the generated scenario, told where its value came from: the imported text is never on disk
 * (nothing is written when it is invalid), so its line would point nowhere. It is told at the manifest field it
 * was read from (import-origins.ts); else a service's or node pool's issue names the Deployment or NodePool it was
 * made from, and its file.
 */
function fromManifests(issue: ScenarioIssue, result: ImportResult, docs: readonly ManifestDoc[], files: readonly string[]): ScenarioIssue {
  const located = atManifestField(issue, result.origins);
  if (located !== undefined) return located;
  const scenario = result.scenario;
  const m = /^spec\.(services|nodePools)\[(\d+)\]/.exec(issue.path);
  const list = m === null ? undefined : asObj(scenario.spec)[m[1]!];
  const name = Array.isArray(list) ? asObj(list[Number(m![2])]).name : undefined;
  // A service comes from a Deployment or a Knative Service (a kind Service of serving.knative.dev), a pool from a NodePool.
  const kinds = m?.[1] === 'services' ? ['Deployment', 'Service'] : ['NodePool'];
  const source = name === undefined ? undefined : docs.find((d) => kinds.includes(String(asObj(d.doc).kind)) && (asObj(d.doc).kind !== 'Service' || String(asObj(d.doc).apiVersion).startsWith('serving.knative.dev/')) && asObj(asObj(d.doc).metadata).name === name);
  const origin = source === undefined ? files.join(', ') : `${source.file} ${String(asObj(source.doc).kind)}/${String(name)}`;
  return { ...issue, file: origin, line: null, column: null, message: `${issue.message} (in the imported scenario)` };
}

// One line each, whatever a manifest's names and values hold (a Deployment named with an escape sequence).
const noteLine = (n: ImportNote) => `note: ${printableName(`${[n.file, n.object].filter((x) => x !== '').join(' ')}${n.file || n.object ? ': ' : ''}${n.message}`)}\n`;

/** Notes printed with the same message before the rest are counted in one line. */
const MAX_NOTES_ALIKE = 3;

/**
 * The notes, each message at most MAX_NOTES_ALIKE times and then a count: `kubectl get all -A -o json` of a large
 * cluster (100,000 Services) printed 100,000 identical "unsupported kind" lines.
 */
function noteLines(notes: readonly ImportNote[]): string {
  const count = new Map<string, number>();
  let out = '';
  for (const n of notes) {
    const c = (count.get(n.message) ?? 0) + 1;
    count.set(n.message, c);
    if (c <= MAX_NOTES_ALIKE) out += noteLine(n);
  }
  for (const [message, c] of count) {
    if (c > MAX_NOTES_ALIKE) out += `note: … and ${(c - MAX_NOTES_ALIKE).toLocaleString('en-US')} more objects with the note "${message.length > 60 ? `${message.slice(0, 57)}...` : message}"\n`;
  }
  return out;
}

async function importCommand(env: CommandEnv, files: string[], o: ImportOptions): Promise<void> {
  const { ctx } = env;
  const qps = o.qps === undefined ? undefined : Number(o.qps);
  if (qps !== undefined && !(qps > 0)) throw new CliError(`--qps ${o.qps}: expected a rate above 0, e.g. 200`);
  if (o.out !== undefined) {
    await checkOutputPath(ctx.cwd, o.out, '--out');
    await refuseInputAsOutput(ctx.cwd, o.out, files, '--out');
  }
  const docs = await readManifests(ctx.cwd, files, inputOptions(ctx));
  const result = importK8s(docs, { ...(qps === undefined ? {} : { qps }), ...(o.latency === undefined ? {} : { latencyMs: o.latency * 1000 }), ...(o.name === undefined ? {} : { name: o.name }) });
  // With nothing imported, the notes about the scenario that would have been made (its placeholder traffic) are noise.
  ctx.stderr.write(noteLines(result.mapped === 0 ? result.notes.filter((n) => n.file !== '' || n.object !== '') : result.notes));
  if (result.mapped === 0) throw new CliError(`${files.join(', ')}: nothing to import: no object design-sim reads (${SUPPORTED_KINDS})`);
  // Checked before the text is made: 10,000 Deployments made a scenario past the file size limit, reported as
  // "k10k.yaml file is too large: at least 1,469,228 bytes (in the imported scenario)" after 20,000 notes.
  for (const [key, what, max] of [['services', 'Deployments', MAX_SERVICES], ['nodePools', 'node pools', MAX_NODE_POOLS]] as const) {
    const n = Array.isArray(asObj(result.scenario.spec)[key]) ? (asObj(result.scenario.spec)[key] as unknown[]).length : 0;
    if (n > max) throw new CliError(`${files.join(', ')}: ${n.toLocaleString('en-US')} ${what} to import, but a scenario holds at most ${max} (spec.${key}; docs/limits.md): import one namespace or a few Deployments at a time`);
  }
  const text = `# Imported by design-sim import k8s from ${files.map(printableName).join(', ')}; the notes printed with it say what is estimated or a placeholder.\n${stringify(result.scenario, { lineWidth: 0 })}`;
  const name = o.out ?? 'imported.yaml';
  const parsed = parseScenarioText(text, name);
  const issues = parsed.ok ? validateScenarioReferences(parsed.scenario, undefined, { text, file: name }) : parsed.issues;
  if (issues.length > 0) {
    ctx.stderr.write(formatIssueLines(issues.map((i) => fromManifests(i, result, docs, files)), ctx.errColors));
    throw new CliError(`the imported scenario is not valid (above); nothing written`);
  }
  if (o.out === undefined) ctx.stdout.write(text);
  else await writeOutputFile(ctx.cwd, o.out, text, '--out');
  env.exit(EXIT_OK);
}

/** Registers `export k8s` and `import k8s` on `program`. */
export function registerK8s(program: Command, env: CommandEnv): void {
  program
    .command('export')
    .description('write a scenario as deployable manifests')
    .command('k8s')
    .description('Deployment, HPA (autoscaling/v2), PodDisruptionBudget and node-pool hints for each service, plus a ConfigMap with the rest of the scenario')
    .argument('<file>', 'scenario file')
    .addOption(new Option('--node-pools <kind>', 'node pools as cluster-autoscaler node group hints or Karpenter NodePools').choices(['cluster-autoscaler', 'karpenter']).default('cluster-autoscaler'))
    .option('--image <image>', 'container image of the model server (default: a placeholder per service)')
    .option('--port <port>', 'the server\'s HTTP port', parsePort, 8000)
    .option('--health-path <path>', 'the server\'s health endpoint (vLLM: /health)', parseHealthPath, '/health')
    .option('-o, --out <file>', 'write the manifests to a file instead of stdout')
    .addHelpText('after', '\nExamples:\n  $ design-sim export k8s examples/hpa-step.yaml --image vllm/vllm-openai:v0.9.2 > fleet.yaml\n  $ design-sim export k8s scenario.yaml --node-pools karpenter -o k8s/fleet.yaml\n\nExit codes: 0 written, 2 invalid input.')
    .action((file: string, o: ExportOptions) => exportCommand(env, file, o));
  program
    .command('import')
    .description('read deployable manifests into a scenario')
    .command('k8s')
    .description('Deployments, HPAs, KEDA ScaledObjects and Karpenter NodePools to a scenario (what cannot be mapped is reported)')
    .argument('<files...>', 'manifest files (YAML, several documents each)')
    .option('--qps <rate>', 'traffic to simulate, requests per second (manifests do not say; default a 10 QPS placeholder)')
    .option('--latency <duration>', 'mean service time per request, e.g. 80ms (default a 100 ms placeholder)', parseLatencyOption)
    .option('--name <name>', 'scenario name (default: the first Deployment\'s)')
    .option('-o, --out <file>', 'write the scenario to a file instead of stdout')
    .addHelpText('after', `\nExamples:\n  $ design-sim import k8s deploy.yaml hpa.yaml --qps 400 --latency 60ms -o scenario.yaml\n  $ kubectl get deploy,hpa,scaledobject,ksvc,nodepool -o yaml | design-sim import k8s /dev/stdin\n\nReads ${SUPPORTED_KINDS}; other kinds are named and skipped. Exit codes: 0 imported (see the notes), 2 nothing importable or invalid.`)
    .action((files: string[], o: ImportOptions) => importCommand(env, files, o));
}
