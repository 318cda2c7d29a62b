import { describe, expect, test } from 'vitest';
import { memoryDb } from '@/lib/testing/memory-db';
import { addTemplateVersion, findTemplate, latestOnShelf, listTemplateRecords, registerTemplate, saveExtTemplate, setVersionOnShelf } from './registry';

const T = '2021004100000001';

describe('template registry', () => {
  test('a duplicate template or version is refused and writes nothing', () => {
    const db = memoryDb();
    expect(registerTemplate(db, { templateId: T, name: '花店模板' })).toEqual({ ok: true });
    expect(registerTemplate(db, { templateId: T, name: '另一个名字' })).toEqual({ ok: false, error: 'duplicate' });
    expect(findTemplate(db, T)?.name).toBe('花店模板');
    expect(addTemplateVersion(db, { templateId: T, version: '1.0.0', onShelf: true })).toEqual({ ok: true });
    expect(addTemplateVersion(db, { templateId: T, version: '1.0.0', onShelf: false, note: 'again' })).toEqual({ ok: false, error: 'duplicate' });
    expect(addTemplateVersion(db, { templateId: '999', version: '1.0.0', onShelf: true })).toEqual({ ok: false, error: 'templateNotFound' });
    expect(listTemplateRecords(db)).toHaveLength(1);
    expect(findTemplate(db, T)?.versions).toMatchObject([{ version: '1.0.0', onShelf: true, note: null }]);
  });

  test('versions newest first; latest on shelf follows the shelf switch', () => {
    const db = memoryDb();
    registerTemplate(db, { templateId: T, name: '花店模板' });
    for (const version of ['1.2.0', '1.10.0', '1.9.3']) addTemplateVersion(db, { templateId: T, version, onShelf: true });
    expect(findTemplate(db, T)?.versions.map((v) => v.version)).toEqual(['1.10.0', '1.9.3', '1.2.0']);
    expect(latestOnShelf(db, T)).toBe('1.10.0');
    expect(setVersionOnShelf(db, { templateId: T, version: '1.10.0', onShelf: false })).toEqual({ ok: true });
    expect(latestOnShelf(db, T)).toBe('1.9.3');
    expect(setVersionOnShelf(db, { templateId: T, version: '7.0.0', onShelf: false })).toEqual({ ok: false, error: 'versionNotFound' });
  });

  test('the ext config is stored on the template', () => {
    const db = memoryDb();
    registerTemplate(db, { templateId: T, name: '花店模板' });
    expect(findTemplate(db, T)?.extTemplate).toBe('{}');
    expect(saveExtTemplate(db, T, '{"shop":"{{merchant.name}}"}')).toBe(true);
    expect(findTemplate(db, T)?.extTemplate).toBe('{"shop":"{{merchant.name}}"}');
    expect(saveExtTemplate(db, '42', '{}')).toBe(false);
  });
});
