import { describe, expect, test } from 'vitest';
import type { AppVersionStatus } from '@/db/schema';
import { classifyVersions, driftVerdict, filterOf, parseDriftQuery, type DriftVersion } from './rules';

const T = '2021000000001';

const v = (appVersion: string, status: AppVersionStatus, extra: Partial<DriftVersion> = {}): DriftVersion => ({
  appVersion,
  status,
  templateId: T,
  templateVersion: '1.2.0',
  grayStrategy: null,
  rejectReason: null,
  appliedAuditAt: null,
  ...extra,
});

describe('driftVerdict', () => {
  test('current when the online version carries the latest template version (or a newer one)', () => {
    expect(driftVerdict({ templateId: T, templateVersion: '1.2.0' }, T, '1.2.0')).toBe('current');
    expect(driftVerdict({ templateId: T, templateVersion: '1.10.0' }, T, '1.2.0')).toBe('current');
  });

  test('behind when older, or when nothing is online', () => {
    expect(driftVerdict({ templateId: T, templateVersion: '1.1.9' }, T, '1.2.0')).toBe('behind');
    expect(driftVerdict(null, T, '1.2.0')).toBe('behind');
  });

  test('unknown when the online version has no recorded template version, or nothing is on shelf', () => {
    expect(driftVerdict({ templateId: null, templateVersion: null }, T, '1.2.0')).toBe('unknown');
    expect(driftVerdict({ templateId: T, templateVersion: null }, T, '1.2.0')).toBe('unknown');
    expect(driftVerdict({ templateId: T, templateVersion: '1.0.0' }, T, null)).toBe('unknown');
  });

  test('other when the online version comes from another template', () => {
    expect(driftVerdict({ templateId: '2021000000999', templateVersion: '0.1.0' }, T, '1.2.0')).toBe('other');
  });
});

describe('classifyVersions', () => {
  test('one version per column, the newest when a status repeats', () => {
    const c = classifyVersions([v('1.0.2', 'INIT'), v('1.0.10', 'INIT'), v('1.0.1', 'RELEASE'), v('1.0.3', 'AUDITING'), v('0.9.0', 'AUDIT_REJECT')]);
    expect(c.dev?.appVersion).toBe('1.0.10');
    expect(c.audit?.appVersion).toBe('1.0.3');
    expect(c.rejected?.appVersion).toBe('0.9.0');
    expect(c.online?.appVersion).toBe('1.0.1');
    expect(c.gray).toBeNull();
  });

  test('a passed version waiting for release shows in the audit column', () => {
    expect(classifyVersions([v('1.0.0', 'WAIT_RELEASE')]).audit?.status).toBe('WAIT_RELEASE');
  });
});

describe('parseDriftQuery', () => {
  test('defaults, and bad values fall back instead of failing the page', () => {
    expect(parseDriftQuery({})).toMatchObject({ verdict: 'all', stuck: false, hours: 24, rejected: false, cancelled: false, q: '', page: 1, size: 50 });
    const q = parseDriftQuery({ verdict: 'nope', hours: '-3', page: 'x', size: '7', stuck: '1', rejected: ['1', '0'], q: ' 青禾 ' });
    expect(q).toMatchObject({ verdict: 'all', hours: 24, page: 1, size: 50, stuck: true, rejected: true, q: '青禾' });
    expect(filterOf(q)).toEqual({ verdict: 'all', stuckHours: 24, rejected: true, cancelled: false, q: '青禾' });
  });
});
