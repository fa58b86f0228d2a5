import { parseScenarioText, runScenario, TIME_SERIES_FIELDS, type TimeSeries } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { countTags, xmlProblems } from '../testing/xml-check.ts';
import { smallScenarioYaml } from '../testing/test-context.ts';
import { MAX_COMPONENT_LINES, plotComponents, renderSvgPlot, xmlEscape } from './svg-plot.ts';

function series(n: number): TimeSeries {
  const ts = {} as Record<keyof TimeSeries, Float64Array>;
  for (const f of TIME_SERIES_FIELDS) ts[f] = Float64Array.from({ length: n }, (_, i) => 10 + (i % 7));
  ts.t = Float64Array.from({ length: n }, (_, i) => (i + 1) * 60);
  return ts;
}

describe('renderSvgPlot', () => {
  it('draws four panels as well-formed SVG', () => {
    const svg = renderSvgPlot({ title: 'a <b> & "c"', timeseries: series(30), replicaCapacityQps: 20, sloMs: 100 });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(countTags(svg, 'svg')).toBe(1);
    expect(countTags(svg, 'g')).toBe(4);
    expect(svg).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    // offered, served, capacity; 4 replica/node lines; p50, p99; cost = 10 series paths
    expect(countTags(svg, 'path')).toBe(10);
    expect(svg).toContain('SLO p99 &lt; 100 ms');
    // The legend's figure says its unit: 20 what per replica was the reader's guess.
    expect(svg).toContain('capacity (20 req/s per replica)');
    // Without the run's bill the cost panel is timeseries.costUsd, the nodes' alone: its title says whose.
    expect(svg).toContain('Accrued node cost (USD)');
  });

  it("draws the run's bill, control plane included, so the accrued cost ends at the total", () => {
    // A GKE cluster ($0.10/h) beside the nodes: timeseries.costUsd (the nodes) ends below the bill by that line.
    const parsed = parseScenarioText(smallScenarioYaml(), 's.yaml');
    if (!parsed.ok) throw new Error('the small scenario must parse');
    const r = runScenario(parsed.scenario);
    const ts = r.timeseries!;
    const total = r.summary!.cost.totalUsd;
    const n = ts.t.length;
    expect(total - ts.costUsd[n - 1]!).toBeCloseTo(0.1 * (600 / 3600), 9);
    const { accruedCostUsd } = plotComponents(r);
    expect(accruedCostUsd![n - 1]).toBeCloseTo(total, 9);
    const svg = renderSvgPlot({ title: 'x', timeseries: ts, accruedCostUsd });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('Accrued cost (USD)');
    expect(svg).toContain('bill since start');
  });

  it('omits the capacity line and the SLO when unknown', () => {
    const svg = renderSvgPlot({ title: 'x', timeseries: series(5) });
    expect(xmlProblems(svg)).toEqual([]);
    expect(countTags(svg, 'path')).toBe(9);
    expect(svg).not.toContain('per replica)');
    expect(svg).not.toContain('SLO');
  });

  it('skips gaps (NaN latency in idle intervals) instead of drawing to zero', () => {
    const ts = series(6);
    ts.latencyP99Ms[2] = NaN;
    const svg = renderSvgPlot({ title: 'x', timeseries: ts });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toContain('NaN');
  });

  it('labels the time axis in hours for long runs', () => {
    const ts = series(24);
    ts.t = Float64Array.from({ length: 24 }, (_, i) => (i + 1) * 3600);
    expect(renderSvgPlot({ title: 'x', timeseries: ts })).toContain('>12h<');
  });
});

describe('xmlEscape', () => {
  it('escapes the five XML specials', () => {
    expect(xmlEscape(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });
});

describe('renderSvgPlot of a service graph', () => {
  const ts = series(10);
  const services = ['api', 'db', 'cache'].map((name, i) => ({ name, latencyP99Ms: Float64Array.from({ length: 10 }, () => 10 * (i + 1)), failedQps: new Float64Array(10) }));
  const sources = [{ label: '#1 → api', offeredQps: ts.offeredQps }, { label: '#2 → db', offeredQps: ts.offeredQps }];

  it('adds each source to the traffic panel and a latency and a failures panel with one line a service', () => {
    const svg = renderSvgPlot({ title: 'g', timeseries: ts, sources, services });
    expect(xmlProblems(svg)).toEqual([]);
    expect(countTags(svg, 'g')).toBe(6);
    // 9 top-level lines + 2 sources + 3 services × 2 panels
    expect(countTags(svg, 'path')).toBe(9 + 2 + 6);
    expect(svg).toContain('>offered #2 → db<');
    expect(svg).toContain('Per service: latency p99 with its calls (ms)');
    expect(svg).toContain('Per service: failed visits (dropped or timed out) (visits/s)');
    for (const s of services) expect(svg).toContain(`>${s.name}<`);
  });

  it('draws neither for one source and one service (the top-level panels are theirs)', () => {
    const svg = renderSvgPlot({ title: 'g', timeseries: ts, sources: sources.slice(0, 1), services: services.slice(0, 1) });
    expect(countTags(svg, 'g')).toBe(4);
    expect(countTags(svg, 'path')).toBe(9);
  });

  it('past MAX_COMPONENT_LINES services draws the first ones and says how many there are', () => {
    const many = Array.from({ length: MAX_COMPONENT_LINES + 3 }, (_, i) => ({ ...services[0]!, name: `s${i}` }));
    const svg = renderSvgPlot({ title: 'g', timeseries: ts, services: many });
    expect(countTags(svg, 'path')).toBe(9 + 2 * MAX_COMPONENT_LINES);
    expect(svg).toContain(`(first ${MAX_COMPONENT_LINES} services of ${MAX_COMPONENT_LINES + 3}; all in --csv)`);
  });
});
