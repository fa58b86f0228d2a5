/**
 * The example scenarios (examples/ in the repository) must get real prices: every instance
 * they name resolves, and every capacity type they buy has a known price. The YAML is read with a regex on
 * purpose (cost-model does not depend on the scenario parser); sim-core owns the full parse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fleetCost } from './fleet-cost.ts';
import { getInstance } from './lookup.ts';
import { HOURS_PER_MONTH } from './units.ts';

const dir = fileURLToPath(new URL('../../../examples/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const read = (f: string) => readFileSync(`${dir}${f}`, 'utf8');

describe('reference examples (examples/ in the repo)', () => {
  it('are there', () => expect(files.length).toBeGreaterThanOrEqual(4));

  it.each(files)('%s names only catalog instances, with prices for what it buys', (file) => {
    const text = read(file);
    const ids = [...text.matchAll(/instance:\s*(\S+)/g)].map((m) => m[1] ?? '');
    expect(ids.length).toBeGreaterThan(0);
    const usesSpot = /spotShare:\s*0?\.\d*[1-9]|purchase:\s*spot/.test(text);
    for (const id of ids) {
      const inst = getInstance(id);
      expect(inst.prices['on-demand'], `${id} on-demand`).not.toBeNull();
      if (usesSpot) expect(inst.prices.spot, `${id} spot`).not.toBeNull();
    }
  });

  it('fixed-fleet: 55 × g2-standard-8 on-demand for 2 h', () => {
    expect(read('fixed-fleet.yaml')).toMatch(/replicas: 55[\s\S]*instance: gcp\/us-central1\/g2-standard-8/);
    const perNode = getInstance('gcp/us-central1/g2-standard-8').prices['on-demand']?.usdPerHour ?? NaN;
    const cost = fleetCost({ usage: [{ pool: 'gpu', instanceId: 'gcp/us-central1/g2-standard-8', capacity: 'on-demand', nodeSeconds: 55 * 7200 }], durationSeconds: 7200 });
    // 55 nodes × $0.85362/h = $46.95/h; × 2 h = $93.90; × 730 h = $34,273/month.
    expect(cost.totalUsd).toBeCloseTo(55 * perNode * 2, 9);
    expect(cost.monthlyUsd).toBeCloseTo(55 * perNode * HOURS_PER_MONTH, 6);
  });

  it('serving-autoscaling: half-spot g5.2xlarge, and what its $40K/month expectation allows', () => {
    const g5 = getInstance('aws/us-east-1/g5.2xlarge').prices;
    const blended = ((g5['on-demand']?.usdPerHour ?? NaN) + (g5.spot?.usdPerHour ?? NaN)) / 2;
    // $40,000 / 730 h / blended $/node-hour: the average node count the expectation tolerates (~52.6 of max 70).
    const maxAverageNodes = 40_000 / HOURS_PER_MONTH / blended;
    expect(maxAverageNodes).toBeGreaterThan(5);
    expect(maxAverageNodes).toBeLessThan(70);
  });
});
