import { describe, expect, test } from 'vitest';
import { decideGate, splitWaves } from './shape';

const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('splitWaves', () => {
  test('5 % / 25 % / rest of 1,000', () => {
    expect(splitWaves(ids(1000), { kind: 'percent', percents: [5, 25] }).map((w) => [w.percent, w.merchantAppIds.length])).toEqual([
      [5, 50],
      [25, 250],
      [70, 700],
    ]);
  });
  test('a canary share of a small fleet is at least one merchant, and the last wave is never empty', () => {
    expect(splitWaves(ids(10), { kind: 'percent', percents: [5] }).map((w) => w.merchantAppIds)).toEqual([[1], [2, 3, 4, 5, 6, 7, 8, 9, 10]]);
    expect(splitWaves(ids(2), { kind: 'percent', percents: [50, 40] }).map((w) => w.merchantAppIds)).toEqual([[1], [2]]);
  });
  test('explicit lists keep their order; empty lists are dropped', () => {
    expect(splitWaves([], { kind: 'lists', lists: [[3], [], [1, 2]] }).map((w) => w.merchantAppIds)).toEqual([[3], [1, 2]]);
  });
});

describe('decideGate', () => {
  test('passes at exactly the thresholds and fails one merchant past them', () => {
    expect(decideGate({ total: 3, online: 2, rejected: 1, failed: 0 }, { minOnline: 66, maxFailed: 34 }).passed).toBe(true);
    expect(decideGate({ total: 3, online: 2, rejected: 1, failed: 0 }, { minOnline: 67, maxFailed: 34 }).passed).toBe(false);
    expect(decideGate({ total: 3, online: 2, rejected: 1, failed: 0 }, { minOnline: 50, maxFailed: 33 }).passed).toBe(false);
    expect(decideGate({ total: 4, online: 3, rejected: 0, failed: 1 }, { minOnline: 75, maxFailed: 25 })).toMatchObject({ passed: true, onlinePercent: 75, failedPercent: 25 });
  });
});
