import { describe, expect, it } from 'vitest';
import { A10G_POOL } from './test-pools.ts';
import { chooseCapacityType, isStockedOut, launchOrder, UNAVAILABLE_OFFERINGS_TTL_SECONDS, UnavailableOfferings } from './offerings.ts';


describe('launch order (getCapacityType, CreateFleet lowest-price / price-capacity-optimized as modelled)', () => {
  it('on-demand: cheapest first whatever the listed order, zones in order for equal prices', () => {
    const ice = new UnavailableOfferings();
    const order = launchOrder(0, A10G_POOL, [0, 1, 2], false, ice, 0).map((o) => `${A10G_POOL.types[o.type]!.instanceId.split('/')[2]}@${o.zone}`);
    expect(order).toEqual(['g5.xlarge@0', 'g5.xlarge@1', 'g5.2xlarge@0', 'g5.2xlarge@1', 'g5.12xlarge@0', 'g5.12xlarge@1']);
  });

  it('spot is preferred when allowed and some type sells it; a type without a spot price is no spot offering', () => {
    const ice = new UnavailableOfferings();
    expect(chooseCapacityType(0, A10G_POOL, [0, 1], ice, 0)).toBe(true);
    expect(chooseCapacityType(0, A10G_POOL, [0], ice, 0)).toBe(false);
    expect(launchOrder(0, A10G_POOL, [0, 1], true, ice, 0).map((o) => o.type)).toEqual([1, 1]);
    expect(chooseCapacityType(0, { ...A10G_POOL, capacityTypes: ['on-demand'] }, [1], ice, 0)).toBe(false);
  });

  it('falls back to on-demand once every spot offering is cached unavailable, and back after the 3-minute TTL', () => {
    const ice = new UnavailableOfferings();
    for (const zone of [0, 1]) ice.mark(0, { type: 1, spot: true, zone }, 100);
    expect(chooseCapacityType(0, A10G_POOL, [0, 1], ice, 100)).toBe(false);
    expect(chooseCapacityType(0, A10G_POOL, [0, 1], ice, 100 + UNAVAILABLE_OFFERINGS_TTL_SECONDS - 0.001)).toBe(false);
    expect(chooseCapacityType(0, A10G_POOL, [0, 1], ice, 100 + UNAVAILABLE_OFFERINGS_TTL_SECONDS)).toBe(true);
    expect(UNAVAILABLE_OFFERINGS_TTL_SECONDS).toBe(180);
  });

  it('a stock-out window matches its instance, capacity and zone, over [from, until)', () => {
    const s = [{ instanceId: 'aws/us-east-1/g5.xlarge', capacity: 'spot' as const, zone: null, from: 60, until: 120 }];
    expect(isStockedOut(s, 'aws/us-east-1/g5.xlarge', true, 'a', 60)).toBe(true);
    expect(isStockedOut(s, 'aws/us-east-1/g5.xlarge', true, 'a', 120)).toBe(false);
    expect(isStockedOut(s, 'aws/us-east-1/g5.xlarge', false, 'a', 90)).toBe(false);
    expect(isStockedOut(s, 'aws/us-east-1/g5.2xlarge', true, 'a', 90)).toBe(false);
    expect(isStockedOut([{ ...s[0]!, zone: 'b' }], 'aws/us-east-1/g5.xlarge', true, 'a', 90)).toBe(false);
  });
});
