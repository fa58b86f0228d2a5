import { parseScenarioText } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { docToYaml } from '../model/scenario-yaml.ts';
import { llmDoc, runDoc, smallDoc } from '../test-support/fixtures.ts';
import { buildCharts } from './chart-model.ts';
import { compareRows } from './compare-diff.ts';
import { nodeStatus } from './node-status.ts';
import { formatMs } from './format.ts';
import { summaryCards } from './summary-cards.ts';

const doc = llmDoc();
const result = runDoc(doc);
const parsed = parseScenarioText(docToYaml(doc), 'llm.yaml');
const scenario = parsed.ok ? parsed.scenario : null;
const llm = result.summary!.llm!;

describe('LLM results', () => {
  it('adds TTFT, TPOT, tokens/s and $ per 1M output tokens cards, coloured by ttft.*, tpot.* and cost.perMillionTokens', () => {
    const cards = summaryCards(result);
    const by = (m: string) => cards.find((c) => c.metric === m)!;
    expect(cards.map((c) => c.metric).slice(7)).toEqual(['ttft.p99', 'tpot.p50', 'tokens.outputPerSecond', 'cost.perMillionTokens']);
    expect(by('ttft.p99').raw).toBe(llm.ttftMs.p99);
    expect(by('ttft.p99').value).toMatch(/^[\d.]+ ms$/);
    expect(by('ttft.p99')).toMatchObject({ status: 'pass', detail: '✓ ttft.p99 < 1s' });
    expect(by('tpot.p50')).toMatchObject({ status: 'pass', raw: llm.tpotMs.p50, detail: '✓ tpot.p50 < 100ms' });
    expect(by('tokens.outputPerSecond')).toMatchObject({ status: 'neutral', raw: llm.outputTokensPerSecond });
    expect(by('tokens.outputPerSecond').value).toMatch(/^[\d,.]+\/s$/);
    expect(by('cost.perMillionTokens')).toMatchObject({ status: 'fail', raw: llm.costPerMillionOutputTokensUsd, detail: '✗ cost.perMillionTokens < 0.001' });
    expect(by('cost.perMillionTokens').value).toMatch(/^\$[\d.]+$/);
    // The other percentiles, small under the value, in the run's own numbers.
    expect(by('ttft.p99').more).toBe(`p50 ${formatMs(llm.ttftMs.p50)}`);
    expect(by('tpot.p50').more).toBe(`p99 ${formatMs(llm.tpotMs.p99)}`);
    expect(llm.ttftMs.p50).toBeLessThan(llm.ttftMs.p99);
  });

  it('a card answers to any expectation on its metric family (a failing ttft.p50 line turns the TTFT p99 card red)', () => {
    const r = runDoc(llmDoc({ expect: ['ttft.p50 < 1ms', 'ttft.p99 < 1s'] }));
    const ttft = summaryCards(r).find((c) => c.metric === 'ttft.p99')!;
    expect(ttft.status).toBe('fail');
    expect(ttft.detail).toBe('✗ ttft.p50 < 1ms · ✓ ttft.p99 < 1s');
  });

  it('adds a KV preemptions card only where a service grows its KV paged (vLLM), judged by kvCache.preemptions', () => {
    expect(summaryCards(result).some((c) => c.metric === 'kvCache.preemptions')).toBe(false);
    const doc = llmDoc({ expect: ['kvCache.preemptions < 1000'] });
    const spec = doc.spec as { services: { llm: Record<string, unknown> }[] };
    spec.services[0]!.llm.scheduler = { kvAllocation: 'paged' };
    const r = runDoc(doc);
    const card = summaryCards(r).find((c) => c.metric === 'kvCache.preemptions')!;
    expect(card.raw).toBe(r.summary!.llm!.preemptions!.llm);
    expect(card).toMatchObject({ status: 'pass', value: `${card.raw} sequences`, basis: 'whole run, paged KV', detail: '✓ kvCache.preemptions < 1000' });
  });

  it('adds the max_loras and disk-load cards only where a service serves LoRA adapters, judged by lora.*', () => {
    expect(summaryCards(result).some((c) => c.metric.startsWith('lora.'))).toBe(false);
    const doc = llmDoc({ expect: ['lora.delayedRequests < 1000000', 'lora.diskLoads < 0'] });
    const spec = doc.spec as { services: { llm: Record<string, unknown> }[] };
    spec.services[0]!.llm.lora = { adapters: 8, maxLoras: 2, maxCpuLoras: 4, loadFromCpu: '3ms', loadFromDisk: '80ms' };
    const r = runDoc(doc);
    const lora = Object.values(r.summary!.llm!.lora!);
    const cards = summaryCards(r);
    const held = cards.find((c) => c.metric === 'lora.delayedRequests')!;
    const disk = cards.find((c) => c.metric === 'lora.diskLoads')!;
    expect(held.raw).toBe(lora.reduce((a, l) => a + l.delayedRequests, 0));
    expect(held).toMatchObject({ status: 'pass', value: `${held.raw} requests`, basis: 'whole run: waited for an adapter slot' });
    // Every replica reads each adapter it serves from disk at least once: at least 4 loads (host memory holds 4 of 8).
    expect(disk.raw).toBe(lora.reduce((a, l) => a + l.diskLoads, 0));
    expect(disk.raw!).toBeGreaterThanOrEqual(4);
    expect(disk).toMatchObject({ status: 'fail', value: `${disk.raw} loads`, detail: '✗ lora.diskLoads < 0' });
  });

  it('has no LLM cards or charts for a per-request-latency run', () => {
    const plain = runDoc(smallDoc());
    expect(summaryCards(plain).some((c) => c.metric.startsWith('ttft'))).toBe(false);
    expect(buildCharts(plain, null).map((c) => c.id)).toEqual(['qps', 'backlog', 'fleet', 'latency', 'rate', 'cost']);
  });

  it('charts output tokens/s and KV-cache utilization in percent', () => {
    const charts = buildCharts(result, scenario);
    expect(charts.map((c) => c.id)).toEqual(['qps', 'backlog', 'fleet', 'latency', 'rate', 'cost', 'llm', 'kv']);
    const tokens = charts.find((c) => c.id === 'llm')!.series[0]!.values;
    expect(tokens).toBe(result.timeseries!.outputTokensPerSecond);
    const kv = charts.find((c) => c.id === 'kv')!;
    expect(kv.unit).toBe('%');
    const raw = result.timeseries!.kvCacheUtilization;
    expect(raw.some((v) => v > 0)).toBe(true);
    raw.forEach((v, i) => expect(kv.series[0]!.values[i]).toBeCloseTo(v * 100, 9));
    // The fleet emits about the run's mean rate once warmed up (2 req/s × 100 tokens).
    const mean = Array.from(tokens).reduce((a, v) => a + v, 0) / tokens.length;
    expect(mean).toBeGreaterThan(150);
    expect(mean).toBeLessThan(250);
  });

  it('draws a tokens/s floor from a tokens.outputPerSecond >= expectation', () => {
    const d = llmDoc({ expect: ['tokens.outputPerSecond >= 150'] });
    const p = parseScenarioText(docToYaml(d), 'llm.yaml');
    const charts = buildCharts(runDoc(d), p.ok ? p.scenario : null);
    expect(charts.find((c) => c.id === 'llm')!.refLines).toEqual([{ value: 150, label: 'tokens.outputPerSecond >= 150' }]);
  });

  it('the service node shows TTFT p99 for the run and tokens/s at the cursor, and owns ttft/tpot expectations', () => {
    const s = nodeStatus('service', result, 2, { services: 1, pools: 1 })!;
    expect(s.lines.map((l) => `${l.label}@${l.base}`)).toEqual(['replicas@cursor', 'tokens/s@cursor', 'TTFT p99@run', 'p99@run', 'availability@run']);
    expect(s.lines[2]!.value).toMatch(/^[\d.]+ ms$/);
    expect(Number(s.lines[1]!.value.replace(/,/g, ''))).toBeCloseTo(result.timeseries!.outputTokensPerSecond[2]!, -1);
    const failing = runDoc(llmDoc({ expect: ['tpot.p50 < 1ms'] }));
    expect(nodeStatus('service', failing, null, { services: 1, pools: 1 })!.failing).toEqual(['tpot.p50 < 1ms']);
  });

  it('longer outputs raise output tokens/s at the same request rate', () => {
    const longer = runDoc(llmDoc({ outputTokens: 300 })).summary!.llm!;
    expect(longer.outputTokensPerSecond).toBeGreaterThan(2 * llm.outputTokensPerSecond);
  });

  it('compare mode lists the LLM metrics with their change, and leaves them out for other runs', () => {
    const b = runDoc(llmDoc({ outputTokens: 300 }));
    const row = compareRows(result, b).find((r) => r.metric === 'tokens.outputPerSecond')!;
    expect(row).toMatchObject({ a: llm.outputTokensPerSecond, b: b.summary!.llm!.outputTokensPerSecond, lowerIsBetter: false });
    expect(row.deltaPct).toBeCloseTo(((row.b! - row.a!) / row.a!) * 100, 9);
    expect(compareRows(result, b).map((r) => r.metric)).toContain('cost.perMillionTokens');
    const plain = runDoc(smallDoc());
    expect(compareRows(plain, plain).some((r) => r.metric.startsWith('ttft') || r.metric.startsWith('tokens'))).toBe(false);
  });
});
