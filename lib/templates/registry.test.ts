import { describe, expect, test } from 'vitest';
import { memoryDb } from '@/lib/testing/memory-db';
import { applyTemplateList, registerTemplate, saveExtTemplate, setVersionNote, type PlatformTemplateEntry } from './data';
import { findTemplate, latestOnShelf, listTemplateRecords } from './registry';

const T = '2021004100000001';
const U = '2021004100000002';

const entry = (templateId: string, name: string, versions: [string, string][]): PlatformTemplateEntry => ({
  miniAppId: templateId,
  appName: name,
  logoUrl: '',
  dateCreate: '2026-11-01 10:00:00',
  versionList: versions.map(([templateVersion, versionStatus]) => ({ templateVersion, versionStatus })),
});

describe('template registry synced from the platform', () => {
  test('adds new templates and versions, with the platform status and on-shelf = RELEASE', () => {
    const db = memoryDb();
    const summary = applyTemplateList(db, [entry(T, '花店模板', [['1.0.0', 'RELEASE'], ['1.1.0', 'OFFLINE'], ['0.9.0', 'RELEASE']])]);
    expect(summary.addedTemplates).toEqual([T]);
    expect(summary.addedVersions.map((v) => v.version)).toEqual(['1.0.0', '1.1.0', '0.9.0']);
    const t = findTemplate(db, T)!;
    expect(t).toMatchObject({ name: '花店模板', platformCreatedAt: '2026-11-01 10:00:00', vanishedAt: null, extTemplate: '{}' });
    expect(t.versions.map((v) => [v.version, v.status, v.onShelf])).toEqual([
      ['1.1.0', 'OFFLINE', false],
      ['1.0.0', 'RELEASE', true],
      ['0.9.0', 'RELEASE', true],
    ]);
    expect(latestOnShelf(db, T)).toBe('1.0.0');

    // The next sync brings a new version and a second template; nothing is added twice.
    const next = applyTemplateList(db, [entry(T, '花店模板', [['1.2.0', 'RELEASE'], ['1.0.0', 'RELEASE'], ['1.1.0', 'OFFLINE'], ['0.9.0', 'RELEASE']]), entry(U, '餐饮模板', [])]);
    expect(next.addedTemplates).toEqual([U]);
    expect(next.addedVersions).toEqual([{ templateId: T, version: '1.2.0' }]);
    expect(latestOnShelf(db, T)).toBe('1.2.0');
    expect(listTemplateRecords(db).map((r) => r.templateId)).toEqual([T, U]);
  });

  test('a version the platform no longer lists is marked vanished, not deleted: its note stays, it is off shelf', () => {
    const db = memoryDb();
    applyTemplateList(db, [entry(T, '花店模板', [['1.0.0', 'RELEASE'], ['1.1.0', 'RELEASE']])]);
    expect(setVersionNote(db, { templateId: T, version: '1.1.0', note: '  春季活动版  ' })).toBe(true);
    saveExtTemplate(db, T, '{"shop":"{{merchant.name}}"}');
    const now = new Date('2026-12-01T00:00:00Z');
    const summary = applyTemplateList(db, [entry(T, '花店模板', [['1.0.0', 'RELEASE']])], now);
    expect(summary.vanishedVersions).toEqual([{ templateId: T, version: '1.1.0' }]);
    const gone = findTemplate(db, T)!.versions.find((v) => v.version === '1.1.0')!;
    expect(gone).toMatchObject({ note: '春季活动版', onShelf: false, status: 'RELEASE', vanishedAt: now });
    expect(latestOnShelf(db, T)).toBe('1.0.0');
    expect(findTemplate(db, T)!.extTemplate).toBe('{"shop":"{{merchant.name}}"}');

    // Listed again: back, on shelf, nothing duplicated; a second identical sync reports nothing new.
    applyTemplateList(db, [entry(T, '花店模板', [['1.0.0', 'RELEASE'], ['1.1.0', 'RELEASE']])]);
    expect(findTemplate(db, T)!.versions.find((v) => v.version === '1.1.0')).toMatchObject({ vanishedAt: null, onShelf: true, note: '春季活动版' });
    expect(applyTemplateList(db, [entry(T, '花店模板', [['1.0.0', 'RELEASE'], ['1.1.0', 'RELEASE']])])).toEqual({ addedTemplates: [], addedVersions: [], vanishedVersions: [], vanishedTemplates: [], shelvedVersions: [] });
  });

  test('a template the platform no longer lists is kept, marked vanished, and none of its versions is on shelf', () => {
    const db = memoryDb();
    applyTemplateList(db, [entry(T, '花店模板', [['1.0.0', 'RELEASE']]), entry(U, '餐饮模板', [['2.0.0', 'RELEASE']])]);
    const summary = applyTemplateList(db, [entry(T, '花店模板', [['1.0.0', 'RELEASE']])]);
    expect(summary.vanishedTemplates).toEqual([U]);
    expect(findTemplate(db, U)).toMatchObject({ name: '餐饮模板' });
    expect(findTemplate(db, U)!.vanishedAt).toBeInstanceOf(Date);
    expect(latestOnShelf(db, U)).toBeNull();
  });

  test('an unknown version status is kept raw and is not on shelf; a blank name keeps the one we had', () => {
    const db = memoryDb();
    applyTemplateList(db, [entry(T, '花店模板', [['1.0.0', 'RELEASE']])]);
    applyTemplateList(db, [entry(T, '', [['1.0.0', 'RELEASE'], ['1.1.0', 'PROMOTE_AUDIT_REJECT'], ['1.2.0', '']])]);
    const t = findTemplate(db, T)!;
    expect(t.name).toBe('花店模板');
    expect(t.versions.map((v) => [v.version, v.status, v.onShelf])).toEqual([
      ['1.2.0', null, false],
      ['1.1.0', 'PROMOTE_AUDIT_REJECT', false],
      ['1.0.0', 'RELEASE', true],
    ]);
    // A template the platform names with nothing at all is shown by its id rather than blank.
    applyTemplateList(db, [entry(T, '', []), entry(U, '', [])]);
    expect(findTemplate(db, U)!.name).toBe(U);
  });

  test('the ext config is stored on the template', () => {
    const db = memoryDb();
    registerTemplate(db, { templateId: T, name: '花店模板' });
    expect(findTemplate(db, T)?.extTemplate).toBe('{}');
    expect(saveExtTemplate(db, T, '{"shop":"{{merchant.name}}"}')).toBe(true);
    expect(findTemplate(db, T)?.extTemplate).toBe('{"shop":"{{merchant.name}}"}');
    expect(saveExtTemplate(db, '42', '{}')).toBe(false);
    expect(setVersionNote(db, { templateId: T, version: '9.9.9', note: 'x' })).toBe(false);
  });
});
