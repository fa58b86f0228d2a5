/**
 * The metrics-outage rows of a run report (text and Markdown share them): each outage of the autoscalers' metrics,
 * then per service the HPA syncs whose reads failed or held the scale, and KEDA's polls and its fallback.
 */
import { formatDuration, type MetricsOutageSummary } from '@design-sim/sim-core';
import { formatInt } from './numbers.ts';

const plural = (n: number, one: string, many = `${one}s`): string => `${formatInt(n)} ${n === 1 ? one : many}`;
const at = (s: number): string => formatDuration(s);

/** [label, text] rows; the label is empty on continuation rows. */
export function metricsOutageRows(m: MetricsOutageSummary): [string, string][] {
  const rows: [string, string][] = m.outages.map((o, i) => [i === 0 ? 'Metrics down' : '', `${o.label}: reads fail from ${at(o.fromSeconds)} to ${at(o.toSeconds)}`]);
  for (const s of m.services) {
    const parts: string[] = [];
    if (s.hpa !== null) {
      const h = s.hpa;
      parts.push(`HPA: ${plural(h.failedReads, 'sync')} with a failed read, ${formatInt(h.held)} held the scale${h.onFallback > 0 ? ` · ${plural(h.onFallback, 'sync')} on KEDA's fallback` : ''} (of ${formatInt(h.syncs)})`);
    }
    if (s.keda !== null) {
      const k = s.keda;
      const spans = k.fallback.map((f) => `${at(f.fromSeconds)}–${f.toSeconds === null ? 'the end' : at(f.toSeconds)}`);
      parts.push(`KEDA: ${plural(k.pollsFailed, 'poll')} failed · fallback ${spans.length === 0 ? 'never active' : `active ${spans.join(', ')} (${plural(k.pollsOnFallback, 'poll')})`}`);
    }
    rows.push(['', `${s.service}: ${parts.join(' · ')}`]);
  }
  return rows;
}
