/**
 * `--format markdown`: the run as a pull-request comment (GitHub-flavoured tables, a verdict in the
 * heading, the bill folded away in <details>).
 */
import { scaleToZeroRows } from './scale-to-zero.ts';
import { metricsOutageRows } from './metrics-outage-rows.ts';
import { faultRows } from './fault-rows.ts';
import { sharedRows } from './shared-rows.ts';
import { nodePoolRows, showsNodePools } from './node-pool-rows.ts';
import type { CostLine } from '@design-sim/cost-model';
import { CLAIM_BANDS_TEXT, claimErrorText, claimRatioText, describeTrainingMemory, formatDuration, shownDiagnostics, verdictOf, type RunResult, type Scenario, type ServingSummary, type TrainingSummary } from '@design-sim/sim-core';
import { formatInt, formatMs, formatNum, formatPercent, formatPrice, formatSci, formatUsd } from './numbers.ts';
import type { RunReport } from './run-report.ts';
import { breakdownLines, SERVICE_CAPTION, SERVICE_HEAD, serviceRows } from './service-rows.ts';
import { trafficRows } from './traffic-rows.ts';
import { availabilityText, costBasis, failureDetail, loraList, metricText, nodeCounts, pluralUnit, preemptionsList, priceTag } from './summary-text.ts';
import { levelHead, levelRows, loadLine } from './load-rows.ts';
import { prefixCacheRows } from './prefix-rows.ts';
import { disaggregatedRows } from './disaggregated-rows.ts';
import { inlineCode } from './inline-code.ts';

/** Escapes a table cell: pipes would end it and newlines would end the row. */
export function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A GitHub-flavoured table. */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.map(mdCell).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)];
}

function servingRows(s: ServingSummary, hasCalls: boolean): string[][] {
  const m = s.measured;
  const l = s.latencyMs;
  return [
    ['Requests', `${formatInt(m.offered)} offered, ${formatInt(m.served)} served, ${formatInt(m.dropped)} dropped, ${formatInt(m.timedOut)} timed out, ${formatInt(m.unfinished)} unfinished`],
    ['Latency p50 / p90 / p95 / p99', `${formatMs(l.p50)} / ${formatMs(l.p90)} / ${formatMs(l.p95)} / ${formatMs(l.p99)}${l.censored > 0 ? ` (includes ${formatInt(l.censored)} unfinished at their age)` : ''}`],
    ['Latency mean / max', `${formatMs(l.mean)} / ${formatMs(l.max)}`],
    ['Availability', availabilityText(s)],
    ...trafficRows(s).map(([label, text]): string[] => [label === '' ? 'Traffic (cont.)' : label, text]),
    // With calls, the waiting count is of visits (a call queued at its callee counts there).
    ['Backlog peak (in flight / waiting)', `${formatInt(s.backlog.max)} requests / ${formatInt(s.backlog.waitingMax)} ${hasCalls ? 'visits' : 'requests'}`],
    ['Replicas peak / mean / min (ready, at interval ends)', `${formatInt(s.replicas.max)} / ${formatNum(s.replicas.mean)} / ${formatInt(s.replicas.min)}`],
    s.nodePools.length === 0
      ? ['Nodes', `${nodeCounts(s)} · ${formatInt(s.peakGpus)} GPUs at peak`]
      : ['Nodes peak / mean / min (at interval ends)', `${formatInt(s.nodes.max)} / ${formatNum(s.nodes.mean)} / ${formatInt(s.nodes.min)} (${formatInt(s.peakGpus)} GPUs at peak)`],
    ['Spot interruptions (whole run)', formatInt(s.spotInterruptions)],
    ...(s.faults === null ? [] : faultRows(s.faults).map(([label, text]): string[] => [label === '' ? 'Failures (cont.)' : label, text])),
    ...(s.shared === null ? [] : sharedRows(s.shared).map(([label, text]): string[] => [label === '' ? 'Shared cluster (cont.)' : label, text])),
    ...(showsNodePools(s.nodePools) ? nodePoolRows(s.nodePools).map(([label, text]): string[] => [label, text]) : []),
    ...(s.llm === null
      ? []
      : [
          ['TTFT p50 / p99', `${formatMs(s.llm.ttftMs.p50)} / ${formatMs(s.llm.ttftMs.p99)}`],
          ['TPOT p50 / p99', `${formatMs(s.llm.tpotMs.p50)} / ${formatMs(s.llm.tpotMs.p99)}`],
          ['ITL p50 / p99', `${formatMs(s.llm.itlMs.p50)} / ${formatMs(s.llm.itlMs.p99)}`],
          ['Output tokens/s', formatNum(s.llm.outputTokensPerSecond)],
          ['Cost per 1M output tokens', formatUsd(s.llm.costPerMillionOutputTokensUsd)],
          ...(s.llm.preemptions === null ? [] : [['KV preemptions (paged)', preemptionsList(s.llm.preemptions)]]),
          ...(s.llm.lora === null ? [] : [['LoRA adapters: loads and requests held by max_loras', loraList(s.llm.lora)]]),
          ...(s.llm.speculative === null ? [] : [['Speculative decoding: tokens per step / draft acceptance', `${formatNum(s.llm.speculative.acceptedTokensPerStep)} / ${formatPercent(s.llm.speculative.draftAcceptanceRate, 1)}`]]),
          ...(s.llm.prefixCache === null ? [] : prefixCacheRows(s.llm.prefixCache)),
          ...s.llm.disaggregated.flatMap(disaggregatedRows),
        ]),
    ['Cost per hour / month', `${formatUsd(s.cost.perHourUsd)} / ${formatUsd(s.cost.monthlyUsd)}${s.cost.complete ? '' : ' (incomplete: lower bound)'}`],
    ['Cost per 1k requests', formatUsd(s.cost.per1kRequestsUsd)],
    ['Cost of the run', `${formatUsd(s.cost.totalUsd)}${costBasis(s)}`],
    ...(s.scaleToZero ? scaleToZeroRows(s.scaleToZero).map(([label, text]): string[] => [label, text]) : []),
    ...(s.metricsOutage ? metricsOutageRows(s.metricsOutage).map(([label, text]): string[] => [label === '' ? 'Metrics down (cont.)' : label, text]) : []),
  ];
}

function trainingRows(t: TrainingSummary, scenario: Scenario): string[][] {
  const spec = scenario.spec.training;
  const rows = [
    ['Training compute', `${spec === undefined ? '' : `${formatSci(spec.parameters)} params × ${formatSci(spec.tokens)} tokens: `}${formatSci(t.flops)} FLOPs`],
    ['Hardware', `${formatInt(t.gpuCount)} GPUs (${t.gpu}, ${t.purchase}${t.usdPerGpuHour === null ? '' : `, ${formatUsd(t.usdPerGpuHour)}/GPU-h`}${t.priceSource === null ? '' : ` [${t.priceSource}, ${t.priceObserved ?? 'undated'}${t.stalePrices.length > 0 ? ', STALE' : ''}]`})`],
    ['Training time', `${formatNum(t.days)} days (ideal ${formatNum(t.idealDays)}, ${formatNum(t.lostDays)} lost, ${formatNum(t.interruptions)} interruptions)`],
    ['GPU-hours', formatInt(t.gpuHours)],
    ['Training cost', t.costUsd === null ? 'unknown' : formatUsd(t.costUsd)],
    ['Training memory', describeTrainingMemory(t)],
  ];
  const b = t.budget;
  if (b !== null) rows.push(['Budget', `${formatUsd(b.budgetUsd)}: ${b.fits ? 'fits' : `does not fit (short by ${formatUsd(b.shortfallUsd)})`}`]);
  return rows;
}

function checkSections(r: RunResult): string[] {
  const out: string[] = [];
  const shown = shownDiagnostics(r);
  if (shown.length > 0) {
    out.push('', '**The run itself**', '');
    for (const d of shown) out.push(`- ${d.severity === 'error' ? '❌ error' : '⚠️ warning'}: ${d.message}`);
  }
  if (r.expectations.length > 0) {
    out.push('', '**Expectations**', '');
    out.push(...mdTable(['', 'Expectation', 'Actual'], r.expectations.map((e) => [!e.pass ? '❌' : e.caveat === undefined ? '✅' : '⚠️', `\`${e.text}\``, `${metricText(e.metric, e.actual)}${failureDetail(e, r).replace(/^: (.*)$/, ' ($1)')}`])));
  }
  if (r.claims.length > 0) {
    out.push('', `**Claims** (graded against this run: ${CLAIM_BANDS_TEXT})`, '');
    const mark = { ok: '✅', off: '⚠️', 'way-off': '❌', unknown: '❔', 'not-modelled': '➖' } as const;
    out.push(
      ...mdTable(
        ['', 'Claim', 'Claimed', 'Tool', 'Error', 'Verdict'],
        r.claims.map((g) =>
          g.verdict === 'not-modelled'
            ? [mark[g.verdict], `\`${g.key}\``, metricText(g.metric, g.claimed), '—', '—', `not modelled: ${g.reason ?? ''}`]
            : [mark[g.verdict], `\`${g.key}\``, metricText(g.metric, g.claimed), metricText(g.metric, g.actual), [claimErrorText(g) ?? '—', claimRatioText(g)].filter((x) => x !== null).join(', '), g.verdict],
        ),
      ),
    );
  }
  return out;
}

/** One run as Markdown, ending with a newline. */
export function formatRunMarkdown(report: RunReport): string {
  const r = report.result;
  const s = r.summary;
  const v = verdictOf(r);
  // The verdict word in the heading, its reason as the first line under it (in the heading's parentheses it nested:
  // "FAIL (1 of 2 expectations failed (availability >= 99%))").
  const verdict = `${!v.pass ? '❌' : v.caveat === null ? '✅' : '⚠️'} ${v.label}`;
  const why = v.caveat === null ? v.reason : `${v.reason}; but ${v.caveat}`;
  const title = r.scenario.title === null ? '' : ` — ${r.scenario.title}`;
  const simulated = s === null ? '' : ` · ${formatDuration(s.durationSeconds)} simulated${s.warmupSeconds > 0 ? ` (first ${formatDuration(s.warmupSeconds)} excluded)` : ''}`;
  const lines = [`### ${verdict}: \`${r.scenario.name}\`${title}`, '', `**${why}**`, '', `${inlineCode(report.file)} · seed ${r.seed}${simulated}`, ''];
  const costsRows = r.costs === null ? [] : [['Costs (spec.costs)', `${formatUsd(r.costs.totalUsd)} over ${formatDuration(r.costs.periodSeconds)}, ${formatUsd(r.costs.monthlyUsd)}/month`]];
  const rows = [...(s === null ? [] : servingRows(s, r.breakdown !== null)), ...(r.training === null ? [] : trainingRows(r.training, report.scenario)), ...costsRows];
  const load = loadLine(r, report.scenario);
  if (load !== null) rows.push(['Load', load]);
  lines.push(...mdTable(['Metric', 'Value'], rows));
  const levels = levelRows(r);
  if (levels !== null) {
    lines.push('', '**Levels** (one row per user count: rates over the level; latencies of requests sent and answered in it)', '', ...mdTable(levelHead(levels.llm), levels.rows));
    if (levels.truncated) lines.push('', 'More than 64 user counts (a long ramp): later levels have no row.');
  }
  const services = serviceRows(r);
  if (services !== null) lines.push('', `**Services** (${SERVICE_CAPTION})`, '', ...mdTable(SERVICE_HEAD, services));
  const time = breakdownLines(r);
  if (time !== null) lines.push('', `**Where the time goes**: ${time[0]}; ${time[1]}`);
  lines.push(...checkSections(r));
  const costLines: CostLine[] = [...(s?.cost.lines ?? []), ...(r.costs?.items.map((i) => i.line) ?? [])];
  if (costLines.length > 0) {
    lines.push('', '<details><summary>Cost lines</summary>', '');
    lines.push(...mdTable(['Line', 'Quantity', 'Price', 'USD', 'Source, observed'], costLines.map((l) => [l.label, `${formatNum(l.quantity)} ${pluralUnit(l.unit, l.quantity)}`, l.usdPerUnit === null ? 'unknown' : `${formatPrice(l.usdPerUnit)}/${l.unit}`, formatUsd(l.usd), priceTag(l).replace(/^ \[|\]$/g, '')])));
    lines.push('', '</details>');
  }
  const stale = [...(s?.cost.stalePrices ?? []), ...(r.training?.stalePrices ?? []), ...(r.costs?.stalePrices ?? [])];
  if (stale.length > 0) lines.push('', `**Stale prices** (still used): ${stale.join('; ')}`);
  return `${lines.join('\n')}\n`;
}

/** Several runs, separated by rules. */
export function formatMarkdown(reports: readonly RunReport[]): string {
  return reports.map(formatRunMarkdown).join('\n---\n\n');
}
