import { describe, expect, it } from 'vitest';
import { coerceScalar, formatFieldValue, parseFieldText } from './field-codec.ts';

describe('field codec', () => {
  it('keeps numbers as numbers and unit text as text (the schema decides)', () => {
    expect(coerceScalar(' 15 ')).toBe(15);
    expect(coerceScalar('1e3')).toBe(1000);
    expect(coerceScalar('.5')).toBe(0.5);
    expect(coerceScalar('2h')).toBe('2h');
    expect(coerceScalar('50%')).toBe('50%');
    expect(coerceScalar('')).toBeUndefined();
  });

  it('parses list boxes', () => {
    expect(parseFieldText('lines', 'latency.p99 < 100ms\n\n availability >= 99.9% ')).toEqual(['latency.p99 < 100ms', 'availability >= 99.9%']);
    expect(parseFieldText('pairs', '0, 100\n30m 1000')).toEqual([[0, 100], ['30m', 1000]]);
    expect(parseFieldText('numbers', '40, 50 60')).toEqual([40, 50, 60]);
    expect(parseFieldText('claims', 'gpus.peak: 70\ntraining.days: 18.5\nnonsense')).toEqual({ 'gpus.peak': 70, 'training.days': 18.5, nonsense: null });
    expect(parseFieldText('lines', '  ')).toBeUndefined();
    expect(parseFieldText('checkbox', 'false')).toBe(false);
    expect(parseFieldText('select', '')).toBeUndefined();
  });

  it('formats what it parses back to the same text', () => {
    for (const [input, text] of [
      ['pairs', '0, 100\n30m, 1000'],
      ['claims', 'gpus.peak: 70\ncost.monthly: 30000'],
      ['numbers', '40, 50, 60'],
      ['lines', 'a < 1\nb > 2'],
    ] as const) {
      expect(formatFieldValue(input, parseFieldText(input, text))).toBe(text);
    }
    expect(formatFieldValue('pairs', [{ at: '1h', qps: 5 }])).toBe('1h, 5');
    // A seed's claim with its quote (colons inside) survives an edit of the box.
    const quoted = { 'replicas.max': { value: 65, quote: 'Peak (1000 QPS): HPA scales to 65 pods' }, 'gpus.peak': 70 };
    expect(parseFieldText('claims', formatFieldValue('claims', quoted))).toEqual(quoted);
    expect(parseFieldText('claims', 'cost.monthly: {not json')).toEqual({ 'cost.monthly': '{not json' });
    expect(formatFieldValue('value', undefined)).toBe('');
  });
});
