import { describe, expect, it } from 'vitest';
import { streamPartials } from './partial-stream.ts';
import { cancelledBy, CHECK_EVERY_MS, createCancelUrl, RunCancelled } from './run-cancel.ts';

describe('cancelling a busy run through a revoked URL (Worker.terminate() leaves it running)', () => {
  it('reads the URL at most every CHECK_EVERY_MS and reports the run cancelled once the URL is gone', () => {
    let clock = 0;
    let alive = true;
    const reads: number[] = [];
    const check = cancelledBy('blob:x', () => clock, () => (reads.push(clock), alive));
    expect(reads).toEqual([0]); // the first read proves the mechanism works here
    clock = CHECK_EVERY_MS - 1;
    expect(check()).toBe(false);
    expect(reads).toHaveLength(1);
    clock = CHECK_EVERY_MS;
    expect(check()).toBe(false);
    alive = false;
    clock += 10;
    expect(check()).toBe(false); // not read again yet
    clock += CHECK_EVERY_MS;
    expect(check()).toBe(true);
    expect(reads).toEqual([0, CHECK_EVERY_MS, 2 * CHECK_EVERY_MS + 10]);
  });

  it("skips the first read in a browser's worker, where reading a blob URL is known to work", () => {
    let clock = 0;
    const reads: number[] = [];
    const check = cancelledBy('blob:x', () => clock, () => (reads.push(clock), false), true);
    expect(reads).toEqual([]);
    expect(check()).toBe(false);
    clock = CHECK_EVERY_MS;
    expect(check()).toBe(true); // revoked before its first read: cancelled, not "cannot read"
    expect(reads).toEqual([CHECK_EVERY_MS]);
  });

  it('never cancels without a URL, or where the URL cannot be read from the start', () => {
    expect(cancelledBy(undefined, () => 1e9)()).toBe(false);
    const check = cancelledBy('blob:x', () => 0, () => false);
    expect(check()).toBe(false);
  });

  it('ends the run: the progress callback throws at the next interval boundary', () => {
    let stop = false;
    const sent: number[] = [];
    const on = streamPartials((f) => sent.push(f), () => 0, undefined, () => stop);
    on(0.1, () => {
      throw new Error('no snapshot before the second interval');
    });
    stop = true;
    expect(() => on(0.2, () => ({}) as never)).toThrow(RunCancelled);
  });

  it('gives the page a URL per run, revoked once (here, with no blob URLs: no URL, nothing to revoke)', () => {
    const t = createCancelUrl();
    if (t.url !== undefined) expect(t.url).toMatch(/^blob:/);
    t.cancel();
    t.cancel();
  });
});
