/**
 * The readable report of one run (the default output of `design-sim run`): serving summary, bill,
 * training estimate, then each expectation and claim and the verdict. Deterministic: no wall-clock
 * figures, so it can be diffed between runs.
 */
import { observedLabel, type CostLine, type LineItemCosts } from '@design-sim/cost-model';
import { CLAIM_BANDS_TEXT, claimErrorText, claimRatioText, describeTrainingMemory, formatDuration, formatMetricValue, getMetric, measuredAvailability, printableName, shownDiagnostics, verdictOf, type ClaimGrade, type ExpectationResult, type RunResult, type Scenario, type ServingSummary, type TrainingSummary, type LoraSummary } from '@design-sim/sim-core';
import type { Colors } from '../context.ts';
import { formatInt, formatMs, formatNum, formatPercent, formatPrice, formatSci, formatUsd, MISSING } from './numbers.ts';
import type { RunReport } from './run-report.ts';
import { scaleToZeroRows } from './scale-to-zero.ts';
import { metricsOutageRows } from './metrics-outage-rows.ts';
import { faultRows } from './fault-rows.ts';
import { sharedRows } from './shared-rows.ts';
import { nodePoolRows, showsNodePools } from './node-pool-rows.ts';
import { breakdownLines, SERVICE_CAPTION, SERVICE_HEAD, SERVICE_RIGHT, serviceRows } from './service-rows.ts';
import { trafficRows } from './traffic-rows.ts';
import { renderTable } from './table.ts';
import { prefixCacheRows } from './prefix-rows.ts';
import { disaggregatedRows } from './disaggregated-rows.ts';
import { levelHead, levelRows, loadLine } from './load-rows.ts';

const LABEL_WIDTH = 14;
const row = (label: string, text: string): string => `  ${label.padEnd(LABEL_WIDTH)}${text}`;
const cont = (text: string): string => `  ${' '.repeat(LABEL_WIDTH)}${text}`;

/** A metric value in its own unit, e.g. "66.6 ms", "88.309%", "$28,144", "210.2 days". */
export function metricText(metric: string, value: number | null): string {
  if (value === null || Number.isNaN(value)) return 'no value';
  const info = getMetric(metric);
  return info === undefined ? formatNum(value) : formatMetricValue(info, value);
}

/**
 * The node counts, or, with no node pools, that none are modelled: "peak 0 · mean 0 · min 0" beside "5 GPUs at peak"
 * read as a contradiction (the replicas run on unlimited capacity that is neither counted nor billed).
 */
export function nodeCounts(s: Pick<ServingSummary, 'nodes' | 'nodePools'>): string {
  if (s.nodePools.length === 0) return 'none modelled (no node pools: capacity is unlimited)';
  return `peak ${formatInt(s.nodes.max)} · mean ${formatNum(s.nodes.mean)} · min ${formatInt(s.nodes.min)}`;
}

function servingLines(s: ServingSummary, hasCalls: boolean): string[] {
  const m = s.measured;
  const l = s.latencyMs;
  const lines = [
    row('Requests', `${formatInt(m.offered)} offered · ${formatInt(m.served)} served · ${formatInt(m.dropped)} dropped · ${formatInt(m.timedOut)} timed out · ${formatInt(m.unfinished)} unfinished`),
    row('Latency', `p50 ${formatMs(l.p50)} · p90 ${formatMs(l.p90)} · p95 ${formatMs(l.p95)} · p99 ${formatMs(l.p99)} · mean ${formatMs(l.mean)} · max ${formatMs(l.max)}`),
    ...(l.censored > 0 ? [cont(`includes ${formatInt(l.censored)} unfinished requests at their age (a lower bound)`)] : []),
    row('Availability', availabilityText(s)),
    ...trafficRows(s).map(([label, text]) => (label === '' ? cont(text) : row(label, text))),
    // With calls a request's calls wait in their callees' queues: the waiting count is of visits, not requests.
    row('Backlog', `peak ${formatInt(s.backlog.max)} request${s.backlog.max === 1 ? '' : 's'} in flight · ${formatInt(s.backlog.waitingMax)} ${hasCalls ? `visit${s.backlog.waitingMax === 1 ? '' : 's'} waiting in queues` : 'waiting'} (at interval ends)`),
    // Replicas, nodes and GPUs are sampled at interval ends (after the warm-up), spot interruptions counted over the whole
    // run: each row says which, as Backlog does.
    row('Replicas', `peak ${formatInt(s.replicas.max)} · mean ${formatNum(s.replicas.mean)} · min ${formatInt(s.replicas.min)} ready (at interval ends)`),
    row('Nodes', `${nodeCounts(s)}${s.nodePools.length === 0 ? '' : ' (at interval ends)'} · ${formatInt(s.peakGpus)} GPU${s.peakGpus === 1 ? '' : 's'} at peak · GPU utilization ${formatPercent(s.gpuUtilization, 1)}`),
    row('Spot', `${formatInt(s.spotInterruptions)} interruption${s.spotInterruptions === 1 ? '' : 's'} over the whole run`),
    ...(s.faults === null ? [] : faultRows(s.faults).map(([label, text]) => (label === '' ? cont(text) : row(label, text)))),
    ...(s.shared === null ? [] : sharedRows(s.shared).map(([label, text]) => (label === '' ? cont(text) : row(label, text)))),
    ...(showsNodePools(s.nodePools) ? nodePoolRows(s.nodePools).map(([label, text]) => (label.length < LABEL_WIDTH ? row(label, text) : `  ${label}\n${cont(text)}`)) : []),
  ];
  if (s.llm !== null) {
    const t = s.llm;
    lines.push(row('Tokens', `TTFT p50 ${formatMs(t.ttftMs.p50)} · p99 ${formatMs(t.ttftMs.p99)} · TPOT p50 ${formatMs(t.tpotMs.p50)} · p99 ${formatMs(t.tpotMs.p99)}`));
    // ITL, the gap between streamed chunks (benchmark_serving's), differs from TPOT when a chunk carries a round's tokens.
    lines.push(cont(`ITL p50 ${formatMs(t.itlMs.p50)} · p99 ${formatMs(t.itlMs.p99)} (between streamed chunks)`));
    lines.push(cont(`${formatNum(t.outputTokensPerSecond)} output tokens/s · ${formatUsd(t.costPerMillionOutputTokensUsd)} per 1M output tokens`));
    // Speculative decoding: what a step yields per sequence, the figure engines log as the mean acceptance length.
    if (t.speculative !== null) lines.push(cont(`speculative decoding: ${formatNum(t.speculative.acceptedTokensPerStep)} tokens per sequence-step · draft acceptance ${formatPercent(t.speculative.draftAcceptanceRate, 1)}`));
    // Paged KV allocation: sequences preempted when blocks ran out (each prefilled again later), per service.
    if (t.preemptions !== null) lines.push(cont(`KV preemptions (paged): ${preemptionsList(t.preemptions)}`));
    // Multi-LoRA serving: adapter loads (disk, host memory) and requests max_loras held back, per service.
    if (t.lora !== null) lines.push(cont(`LoRA adapters: ${loraList(t.lora)}`));
    if (t.prefixCache !== null) for (const [label, text] of prefixCacheRows(t.prefixCache)) lines.push(row(label, text));
    for (const d of t.disaggregated) for (const [label, text] of disaggregatedRows(d)) lines.push(row(label, text));
  }
  const c = s.cost;
  lines.push(row('Cost', `${formatUsd(c.perHourUsd)}/h · ${formatUsd(c.monthlyUsd)}/month · ${formatUsd(c.per1kRequestsUsd)} per 1k requests · ${formatUsd(c.totalUsd)} for the run${costBasis(s)}`));
  lines.push(...billLines(c.lines, c.unknownPrices, c.stalePrices));
  if (c.savingVsBaseline !== null) lines.push(cont(`${formatPercent(c.savingVsBaseline, 1)} below the stated baseline of ${formatUsd(c.baselineHourlyUsd)}/h`));
  if (s.scaleUp !== null) lines.push(row('Scale-up', `decision to ready capacity: median ${formatNum(s.scaleUp.p50Minutes)} min · longest ${formatNum(s.scaleUp.maxMinutes)} min over ${formatInt(s.scaleUp.decisions)} scale-up${s.scaleUp.decisions === 1 ? '' : 's'}`));
  if (s.scaleToZero) for (const [label, text] of scaleToZeroRows(s.scaleToZero)) lines.push(label === '' ? cont(text) : row(label, text));
  if (s.metricsOutage) for (const [label, text] of metricsOutageRows(s.metricsOutage)) lines.push(label === '' ? cont(text) : row(label, text));
  return lines;
}

/** "[SOURCE, 2026-06-23]" or "[SOURCE, ≤ 2025-05-31, STALE]": every price with its date and flag. */
export function priceTag(line: Pick<CostLine, 'source' | 'sourceDate' | 'freshness'>): string {
  if (line.source === undefined) return '';
  const when = line.freshness === undefined ? (line.sourceDate ?? '') : observedLabel(line.freshness);
  return ` [${line.source}, ${when}${line.freshness?.status === 'stale' ? ', STALE' : ''}]`;
}

/** "node-hours", "GB", "million-requests": a bill unit for a quantity (text and Markdown). */
export function pluralUnit(unit: string, quantity: number): string {
  if (quantity === 1 || unit.endsWith('s') || /^(GB|TiB)$/.test(unit)) return unit;
  return `${unit}s`;
}

/** The bill's lines, then what is missing from it and which of its prices are stale (with why). */
function billLines(items: readonly CostLine[], unknown: readonly string[], stale: readonly string[]): string[] {
  const out = items.map((line) => {
    const price = line.usdPerUnit === null ? 'price unknown' : `${formatPrice(line.usdPerUnit)}/${line.unit}`;
    return cont(`${line.label}: ${formatNum(line.quantity)} ${pluralUnit(line.unit, line.quantity)} × ${price} = ${formatUsd(line.usd)}${priceTag(line)}`);
  });
  if (unknown.length > 0) out.push(cont(`incomplete, a lower bound: ${unknown.join('; ')}`));
  for (const s of stale) out.push(cont(`stale price (still used): ${s}`));
  return out;
}

function costsLines(k: LineItemCosts): string[] {
  const lines = [row('Costs', `${formatUsd(k.totalUsd)} over ${formatDuration(k.periodSeconds)} · ${formatUsd(k.perHourUsd)}/h · ${formatUsd(k.monthlyUsd)}/month (spec.costs)`)];
  lines.push(...billLines(k.items.map((i) => i.line), k.unknownPrices, k.stalePrices));
  for (const i of k.items) if (i.transferHours !== null) lines.push(cont(`${i.name}: ${formatNum(i.transferHours)} h to move over its link`));
  return lines;
}

function trainingLines(t: TrainingSummary, scenario: Scenario): string[] {
  const spec = scenario.spec.training;
  const what = spec === undefined ? '' : `${formatSci(spec.parameters)} params × ${formatSci(spec.tokens)} tokens = `;
  const stale = t.stalePrices.length > 0 ? ', STALE' : '';
  const price = t.usdPerGpuHour === null ? 'no price' : `${formatUsd(t.usdPerGpuHour)}/GPU-h${t.priceSource === null ? '' : ` [${t.priceSource}, ${t.priceObserved ?? 'undated'}${stale}]`}`;
  const lost = t.lostDays > 0 ? ` + ${formatNum(t.lostDays)} lost to checkpoints and ${formatNum(t.interruptions)} interruptions` : '';
  const lines = [
    row('Training', `${what}${formatSci(t.flops)} FLOPs on ${formatInt(t.gpuCount)} GPUs (${t.gpu}, ${t.purchase}, ${price})`),
    cont(`${formatNum(t.days)} days (ideal ${formatNum(t.idealDays)}${lost}) · ${formatInt(t.gpuHours)} GPU-hours · ${t.costUsd === null ? 'cost unknown' : formatUsd(t.costUsd)}`),
    row('Memory', describeTrainingMemory(t)),
  ];
  const b = t.budget;
  if (b !== null) {
    const verdict = b.fits ? `fits, ${formatUsd(b.budgetUsd - (t.costUsd ?? 0))} to spare` : `does not fit: short by ${formatUsd(b.shortfallUsd)}`;
    lines.push(row('Budget', `${formatUsd(b.budgetUsd)} ${verdict}; it buys ${formatSci(b.tokensAffordable)} tokens or ${formatNum(b.daysAffordable)} days of this fleet`));
  }
  for (const u of t.unknownPrices) lines.push(cont(`note: ${u}`));
  for (const s of t.stalePrices) lines.push(cont(`stale price (still used): ${s}`));
  return lines;
}

/**
 * Why an availability expectation failed, in counts: the first thing a reader asks. `availability` in
 * requests (the summary's), `services.NAME.availability` in that service's visits.
 */
export function failureDetail(e: ExpectationResult, r: Pick<RunResult, 'summary' | 'services'>): string {
  if (e.reason !== undefined) return `: ${e.reason}`;
  if (e.caveat !== undefined) return ` (${e.caveat})`;
  if (e.pass) return '';
  const m = e.metric === 'availability' ? r.summary?.measured : undefined;
  if (m !== undefined) return ` (${formatInt(m.dropped)} dropped, ${formatInt(m.timedOut)} timed out, ${formatInt(m.unfinished)} unfinished of ${formatInt(m.offered)})`;
  const service = /^services\.(.+)\.availability$/.exec(e.metric)?.[1];
  const q = service === undefined ? undefined : r.services?.[service]?.requests;
  if (q === undefined) return '';
  return ` (${formatInt(q.dropped)} dropped, ${formatInt(q.timedOut)} timed out, ${formatInt(q.unfinished)} unfinished of ${formatInt(q.visits)} visits)`;
}

/** The run's own findings: errors in red, warnings in yellow (a passing run's caveats are in its verdict line). */
function diagnosticLines(r: RunResult, c: Colors): string[] {
  return shownDiagnostics(r).map((d) => `  ${d.severity === 'error' ? c.red('✗ error') : c.yellow('! warning')}: ${d.message}`);
}

function expectationLines(r: RunResult, c: Colors): string[] {
  if (r.expectations.length === 0) return [];
  const width = Math.max(...r.expectations.map((e) => e.text.length));
  return [
    '  Expectations',
    ...r.expectations.map((e) => {
      const mark = !e.pass ? c.red('✗') : e.caveat === undefined ? c.green('✓') : c.yellow('!');
      return `    ${mark} ${e.text.padEnd(width)}  actual ${metricText(e.metric, e.actual)}${failureDetail(e, r)}`;
    }),
  ];
}

function claimMark(g: ClaimGrade, c: Colors): string {
  if (g.verdict === 'ok') return c.green('✓');
  if (g.verdict === 'off') return c.yellow('~');
  if (g.verdict === 'not-modelled') return c.dim('·');
  return c.red('✗');
}

/** "way-off, −91.2%, 11× too low": the verdict, the error and, for a large miss, the ratio. */
export function claimVerdictText(g: ClaimGrade): string {
  const ratio = claimRatioText(g);
  const error = claimErrorText(g);
  return [g.verdict, ...(error === null ? [] : [error]), ...(ratio === null ? [] : [ratio])].join(', ');
}

function claimLines(claims: readonly ClaimGrade[], c: Colors): string[] {
  if (claims.length === 0) return [];
  const width = Math.max(...claims.map((g) => g.key.length));
  const lines = [`  Claims (a practice answer graded against this run: ${CLAIM_BANDS_TEXT})`];
  for (const g of claims) {
    const head = `    ${claimMark(g, c)} ${g.key.padEnd(width)}  claimed ${metricText(g.metric, g.claimed)}`;
    lines.push(g.verdict === 'not-modelled' ? `${head}: not modelled: ${g.reason ?? ''}` : `${head}, tool ${metricText(g.metric, g.actual)} (${claimVerdictText(g)})`);
    if (g.quote !== null) lines.push(c.dim(`      "${g.quote}"`));
  }
  const formulas = [...new Set(claims.filter((g) => g.verdict !== 'not-modelled').map((g) => g.formula).filter((f): f is string => f !== null))];
  for (const f of formulas) lines.push(c.dim(`      how: ${f}`));
  return lines;
}

/** The verdict line: PASS/FAIL and why (the run's own errors, then the expectations). */
export function verdictLine(r: RunResult, c: Colors): string {
  const v = verdictOf(r);
  if (!v.pass) return `  ${c.red('FAIL')}: ${v.reason}`;
  return v.caveat === null ? `  ${c.green(v.label)}: ${v.reason}` : `  ${c.yellow(v.label)}: ${v.reason}; but ${v.caveat}`;
}

/** The whole text report, ending with a newline. */
export function formatSummaryText(report: RunReport, c: Colors): string {
  const r = report.result;
  const s = r.summary;
  const title = r.scenario.title === null ? '' : ` — ${r.scenario.title}`;
  const simulated = s === null ? '' : ` · ${formatDuration(s.durationSeconds)} simulated${s.warmupSeconds > 0 ? ` (first ${formatDuration(s.warmupSeconds)} excluded)` : ''}`;
  const lines = [`${c.bold(r.scenario.name)}${title}`, c.dim(`  ${printableName(report.file)} · seed ${r.seed}${simulated}`), ''];
  if (s !== null) lines.push(...servingLines(s, r.breakdown !== null));
  const load = loadLine(r, report.scenario);
  if (load !== null) lines.push(row('Load', load));
  const levels = levelRows(r);
  if (levels !== null) {
    lines.push('', row('Levels', 'one row per user count: rates over the level; latencies of requests sent and answered in it'));
    lines.push(renderTable(levelHead(levels.llm), levels.rows, levelHead(levels.llm).map((_, i) => i !== 1)).trimEnd());
    if (levels.truncated) lines.push(cont('more than 64 user counts (a long ramp): later levels have no row; use a step or points profile for a sweep'));
  }
  const services = serviceRows(r);
  if (services !== null) lines.push('', row('Services', SERVICE_CAPTION), renderTable(SERVICE_HEAD, services, SERVICE_RIGHT).trimEnd());
  const time = breakdownLines(r);
  if (time !== null) lines.push(row('Time goes to', time[0]!), cont(time[1]!));
  if (r.training !== null) lines.push(...trainingLines(r.training, report.scenario));
  if (r.costs !== null) lines.push(...costsLines(r.costs));
  if (s === null && r.training === null && r.costs === null) lines.push(row('Result', MISSING));
  const checks = [...diagnosticLines(r, c), ...expectationLines(r, c), ...claimLines(r.claims, c)];
  if (checks.length > 0) lines.push('', ...checks);
  lines.push('', verdictLine(r, c));
  return `${lines.join('\n')}\n`;
}

/**
 * The time base of the cost figures when it is not the Requests row's: the bill covers the whole run, warm-up included,
 * and so does the per-1k figure's count of served requests (`summary.requests.served`), while the Requests row counts
 * after the warm-up; without this a reader dividing the run's cost by the served requests on screen got another figure.
 */
export function costBasis(s: Pick<ServingSummary, 'warmupSeconds' | 'requests'>): string {
  return s.warmupSeconds > 0 ? ` (whole run, warm-up included: ${formatInt(s.requests.served)} requests served)` : '';
}

/** The run's availability as read (sim-core's `measuredAvailability`: no value when nothing was offered after the warm-up). */
export function availabilityText(s: Pick<ServingSummary, 'measured' | 'availability'>): string {
  const a = measuredAvailability(s);
  return a === null ? '— (no request arrived after the warm-up)' : formatPercent(a);
}

/** Each multi-LoRA service's adapter traffic (`summary.llm.lora`): "chat 100 adapters, max_loras 4: 37 disk + 210 host loads (12.3 s), 51 requests held by max_loras". */
export function loraList(lora: Record<string, LoraSummary>): string {
  return Object.entries(lora)
    .map(([name, l]) => `${name} ${formatInt(l.adapters)} adapters, max_loras ${l.maxLoras}: ${formatInt(l.diskLoads)} disk + ${formatInt(l.cpuLoads)} host loads (${formatNum(l.loadSeconds)} s), ${formatInt(l.delayedRequests)} requests held by max_loras`)
    .join(' · ');
}

/** The services with paged KV allocation and the sequences each preempted over the run (`summary.llm.preemptions`): "chat 12 · batch 0". */
export function preemptionsList(preemptions: Record<string, number>): string {
  return Object.entries(preemptions)
    .map(([name, n]) => `${name} ${formatInt(n)}`)
    .join(' · ');
}
