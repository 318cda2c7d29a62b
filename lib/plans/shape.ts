// A plan's shape, pure: how its merchants are split into waves, and what a wave's gate decides from its counts.

/** Waves as shares of the plan's merchants (every wave but the last; the last takes the rest), or explicit lists. */
export type WaveShape = { kind: 'percent'; percents: number[] } | { kind: 'lists'; lists: number[][] };

export interface PlannedWave {
  percent: number | null;
  merchantAppIds: number[];
}

/**
 * Splits `ids` (in the order given) into waves. A share rounds to the nearest merchant but never below one, so a
 * 5 % canary of 10 merchants is one merchant; a wave left empty by rounding is dropped.
 */
export function splitWaves(ids: readonly number[], shape: WaveShape): PlannedWave[] {
  if (shape.kind === 'lists') return shape.lists.filter((l) => l.length).map((l) => ({ percent: null, merchantAppIds: [...l] }));
  const waves: PlannedWave[] = [];
  let at = 0;
  for (const p of shape.percents) {
    const left = ids.length - at;
    if (left <= 1) break;
    const size = Math.min(left - 1, Math.max(1, Math.round((ids.length * p) / 100)));
    waves.push({ percent: p, merchantAppIds: ids.slice(at, at + size) });
    at += size;
  }
  if (at < ids.length) waves.push({ percent: 100 - shape.percents.slice(0, waves.length).reduce((a, b) => a + b, 0), merchantAppIds: ids.slice(at) });
  return waves;
}

export interface GateThresholds {
  /** At least this share (%) of the wave online. */
  minOnline: number;
  /** At most this share (%) rejected or failed. */
  maxFailed: number;
}

export interface WaveCounts {
  /** Merchants of the wave, without those staff skipped. */
  total: number;
  online: number;
  rejected: number;
  failed: number;
}

export interface GateDecision extends WaveCounts, GateThresholds {
  onlinePercent: number;
  failedPercent: number;
  passed: boolean;
}

const pct = (n: number, total: number) => (total ? Math.round((n * 1000) / total) / 10 : 0);

export function decideGate(counts: WaveCounts, gate: GateThresholds): GateDecision {
  const onlinePercent = counts.total ? pct(counts.online, counts.total) : 100;
  const failedPercent = pct(counts.rejected + counts.failed, counts.total);
  // Compared on exact fractions, not the rounded shares shown.
  const passed = counts.total === 0 || (counts.online * 100 >= gate.minOnline * counts.total && (counts.rejected + counts.failed) * 100 <= gate.maxFailed * counts.total);
  return { ...counts, ...gate, onlinePercent, failedPercent, passed };
}
