/** The traffic source's inspector form: arrivals and the rate profile (a variant per profile type). */
import { field as f, type SectionDef, type VariantDef } from '../../model/inspector-fields.ts';

const PROFILE: VariantDef = {
  kind: 'variant',
  key: ['profile'],
  discriminator: 'type',
  label: 'Profile',
  variants: {
    constant: { defaults: { type: 'constant', qps: 100 }, fields: [f('qps', 'Requests/s')] },
    step: { defaults: { type: 'step', from: 100, to: 500, at: '30m' }, fields: [f('from', 'From (req/s)'), f('to', 'To (req/s)'), f('at', 'At', 'value', { help: 'time, e.g. 30m' })] },
    ramp: {
      defaults: { type: 'ramp', from: 100, to: 1000, start: '30m', end: '1h30m' },
      fields: [f('from', 'From (req/s)'), f('to', 'To (req/s)'), f('start', 'Ramp starts'), f('end', 'Ramp ends')],
    },
    spike: {
      defaults: { type: 'spike', base: 100, peak: 1000, at: '1h', duration: '10m' },
      fields: [f('base', 'Base (req/s)'), f('peak', 'Peak (req/s)'), f('at', 'At'), f('duration', 'Holds for'), f('rampUp', 'Ramp up', 'value', { placeholder: '0' }), f('rampDown', 'Ramp down', 'value', { placeholder: '0' })],
    },
    diurnal: {
      defaults: { type: 'diurnal', min: 100, max: 1000, peakAt: '14:00' },
      fields: [f('min', 'Trough (req/s)'), f('max', 'Peak (req/s)'), f('peakAt', 'Peak at', 'value', { placeholder: '14:00' }), f('period', 'Period', 'value', { placeholder: '24h' })],
    },
    points: {
      defaults: { type: 'points', points: [[0, 100], ['1h', 1000]] },
      fields: [f('points', 'Points (time, req/s per line)', 'pairs', { help: 'piecewise linear, flat after the last point' })],
    },
  },
};

/** The traffic form. */
export const TRAFFIC_SECTIONS: readonly SectionDef[] = [{ title: 'Traffic', key: [], items: [f('arrivals', 'Arrivals', 'select', { options: ['poisson', 'uniform'], placeholder: 'poisson' }), PROFILE] }];
