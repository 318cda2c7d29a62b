import { describe, expect, it } from 'vitest';
import { merchantApps, merchants } from '@/db/schema';
import { insertUser } from '@/lib/staff/data';
import { translatorFor } from '@/lib/i18n/catalog';
import { memoryDb } from '@/lib/testing/memory-db';
import { listOperations } from './data';
import { operationFilterOf, recordOperation } from './log';
import { operationsCsv } from './csv';
import { describeOperations } from './sentences';

function seeded() {
  const db = memoryDb();
  const user = insertUser(db, { email: 'zhang@x.test', name: '张三', role: 'operator', passwordHash: 'x' });
  const m = db.insert(merchants).values({ name: '老王烧烤', contactName: '王', mobile: '13800000001', industry: 'catering' }).returning().get();
  db.insert(merchantApps)
    .values({ merchantId: m.id, authAppId: '2021000000000001', appName: '老王烧烤', status: 'authorized', authorizedAt: new Date(), createdAt: new Date() } as never)
    .run();
  const actor = { id: user.id, email: user.email };
  recordOperation(db, { actor, action: 'versions.gray', target: { type: 'miniAppVersion', id: '2021000000000001@1.2.0' }, input: { merchantAppId: 1, appVersion: '1.2.0', grayStrategy: 'p30' }, result: 'ok' });
  recordOperation(db, { actor, action: 'merchants.update', target: { type: 'merchant', id: m.id }, input: { merchantId: m.id, name: '=HYPERLINK("x")' }, result: 'error', detail: 'merchants.errors.nameTaken' });
  return { db, user, m };
}

describe('operation log sentences', () => {
  it('reads as a sentence in each language, with names instead of ids', () => {
    const { db } = seeded();
    const rows = listOperations(db, {}, 1, 10).rows;
    const zh = describeOperations(db, translatorFor('zh-CN'), rows);
    const en = describeOperations(db, translatorFor('en'), rows);
    expect(zh.find((r) => r.action === 'versions.gray')?.sentence).toBe('张三 将 老王烧烤 1.2.0 灰度 30%');
    expect(en.find((r) => r.action === 'versions.gray')?.sentence).toBe('张三 set 老王烧烤 1.2.0 to 30 % gray');
    const failed = en.find((r) => r.action === 'merchants.update')!;
    expect(failed.sentence).toContain('张三 edited merchant 老王烧烤 (failed: ');
    expect(failed.detail).toBe('A merchant with this name already exists');
  });

  it('filters by a day range in Beijing time', () => {
    const { db } = seeded();
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(listOperations(db, operationFilterOf({ from: today, to: today }), 1, 10).total).toBe(2);
    expect(listOperations(db, operationFilterOf({ from: '2020-01-01', to: '2020-01-02' }), 1, 10).total).toBe(0);
    expect(listOperations(db, operationFilterOf({ from: '2020-02-31' }), 1, 10).total).toBe(2);
  });

  it('exports CSV in the reader’s language, formulas defused, for the filter given', () => {
    const { db } = seeded();
    const { csv, rows } = operationsCsv(db, translatorFor('en'), operationFilterOf({ action: 'versions' }));
    expect(rows).toBe(1);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Time,Operator,What happened,Action,Target,Result,Detail,Input summary'.replace('Time', translatorFor('en')('operationLog.at')).replace('Operator', translatorFor('en')('operationLog.actor')).replace('Action', translatorFor('en')('operationLog.action')).replace('Target', translatorFor('en')('operationLog.target')).replace('Result', translatorFor('en')('operationLog.result')).replace('Detail', translatorFor('en')('operationLog.detail')).replace('Input summary', translatorFor('en')('operationLog.input')));
    expect(lines[1]).toContain('张三 set 老王烧烤 1.2.0 to 30 % gray');
    const all = operationsCsv(db, translatorFor('zh-CN'), {}).csv;
    expect(all).toContain('张三 将 老王烧烤 1.2.0 灰度 30%');
    expect(all).not.toMatch(/,"?=HYPERLINK/);
  });
});
