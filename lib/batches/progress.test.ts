import { describe, expect, it } from 'vitest';
import { batchProgress, durationParts, type ProgressItem } from './progress';

const T0 = 1_700_000_000_000;
const item = (state: ProgressItem['state'], startedAt: number | null = null, finishedAt: number | null = null): ProgressItem => ({ state, startedAt, finishedAt });

describe('batchProgress', () => {
  it('counts each state, with running items among the pending', () => {
    const p = batchProgress({ createdAt: T0, finishedAt: null }, [item('succeeded', T0, T0 + 1000), item('failed', T0, T0 + 2000), item('skipped', null, T0), item('cancelled'), item('pending'), item('running', T0 + 500)], T0 + 3000);
    expect(p).toMatchObject({ total: 6, succeeded: 1, failed: 1, skipped: 1, cancelled: 1, pending: 2, done: 4, percent: 66, successPercent: 16 });
  });

  it('rates only the items the worker ran, over the time since the first start, and estimates the rest from it', () => {
    // 4 items ran in the 2 minutes since the first start: 2/min; 6 left → 3 minutes. The pre-flight skip is free.
    const items = [...Array.from({ length: 4 }, (_, k) => item('succeeded', T0 + 10_000, T0 + 30_000 * (k + 1))), item('skipped', null, T0), ...Array.from({ length: 6 }, () => item('pending'))];
    const p = batchProgress({ createdAt: T0, finishedAt: null }, items, T0 + 10_000 + 120_000);
    expect(p.elapsedMs).toBe(120_000);
    expect(p.throughputPerMin).toBeCloseTo(2);
    expect(p.etaMs).toBe(180_000);
  });

  it('has no rate or estimate before anything finished, and measures from the batch creation until an item starts', () => {
    const p = batchProgress({ createdAt: T0, finishedAt: null }, [item('pending'), item('pending')], T0 + 5000);
    expect(p).toMatchObject({ throughputPerMin: null, etaMs: null, elapsedMs: 5000, percent: 0 });
  });

  it('stops the clock when the batch finished: the rate of a finished batch does not decay while the page is open', () => {
    const items = [item('succeeded', T0, T0 + 30_000), item('failed', T0 + 1000, T0 + 60_000)];
    const p1 = batchProgress({ createdAt: T0 - 5000, finishedAt: T0 + 60_000 }, items, T0 + 60_000);
    const p2 = batchProgress({ createdAt: T0 - 5000, finishedAt: T0 + 60_000 }, items, T0 + 3_600_000);
    expect(p1.throughputPerMin).toBeCloseTo(2);
    expect(p2).toEqual(p1);
    expect(p1.etaMs).toBeNull();
    expect(p1.percent).toBe(100);
  });

  it('counts only active time: the hour a finished batch sat idle before "retry failed" does not lower the rate', () => {
    // Two items ran for a minute; an hour later the failed one was retried and took another minute.
    const items = [item('succeeded', T0, T0 + 60_000), item('succeeded', T0 + 3_660_000, T0 + 3_720_000)];
    const p = batchProgress({ createdAt: T0, finishedAt: T0 + 3_720_000 }, items, T0 + 3_720_000);
    expect(p.elapsedMs).toBe(3_720_000);
    expect(p.activeMs).toBe(120_000);
    expect(p.throughputPerMin).toBeCloseTo(1);
  });

  it('ignores a rate measured over less than a second', () => {
    expect(batchProgress({ createdAt: T0, finishedAt: null }, [item('succeeded', T0, T0 + 50), item('pending')], T0 + 100).throughputPerMin).toBeNull();
  });

  it('is complete for an empty batch', () => {
    expect(batchProgress({ createdAt: T0, finishedAt: T0 }, [], T0)).toMatchObject({ total: 0, percent: 100, pending: 0, etaMs: null });
  });
});

describe('durationParts', () => {
  it('splits milliseconds into hours, minutes and seconds', () => {
    expect(durationParts(3_725_400)).toEqual({ h: 1, m: 2, s: 5 });
    expect(durationParts(-5)).toEqual({ h: 0, m: 0, s: 0 });
  });
});
