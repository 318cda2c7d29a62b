// "A mini-program is in at most one running plan or batch", the one rule (lib/batches/data busyApps) as staff meet it.
import { beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '@/db';
import { merchantApps } from '@/db/schema';
import { startBatch } from '@/lib/batches/service';
import { loadSubjects } from '@/lib/batches/subjects';
import { insertMerchant } from '@/lib/merchants/data';
import { planInputSchema } from '@/lib/plans/input';
import { abortPlan, createPlan, skipMember } from '@/lib/plans/service';
import { listMembers } from '@/lib/plans/data';
import { memoryDb } from '@/lib/testing/memory-db';

let db: Db;
let ids: number[];
const owner = { id: null, email: 'ops@example.com' };
const audit = { versionDesc: '本次更新优化了商品列表的加载速度，并修复了若干已知问题，提升整体使用体验。', regionType: 'GLOBAL', screenshots: [] };

function plan(merchantAppIds: number[]) {
  return createPlan(
    db,
    owner,
    planInputSchema.parse({ name: 'p', templateId: '2021004100000001', templateVersion: '1.0.0', ext: '{}', merchantAppIds, waves: { kind: 'percent', percents: [50] }, grayStrategy: null, holdSeconds: 0, gate: { minOnline: 90, maxFailed: 10 }, audit }),
  );
}
const batch = (merchantAppIds: number[]) => startBatch(db, owner, 'instantiate', { templateId: '2021004100000001', ext: '{}' }, loadSubjects(db, merchantAppIds));

beforeEach(() => {
  db = memoryDb();
  ids = [];
  for (let i = 0; i < 4; i++) {
    const merchant = insertMerchant(db, { name: `青禾${i}`, contactName: '王经理', mobile: `1390000000${i}`, industry: 'retail', authStatus: 'authorized' });
    ids.push(
      db
        .insert(merchantApps)
        .values({ merchantId: merchant.id, authAppId: `202100000000000${i}`, appName: `青禾花坊${i}`, status: 'authorized', authorizedAt: new Date(), categoryIds: '1002_100203' })
        .returning()
        .get().id,
    );
  }
});

describe('one running plan or batch per mini-program', () => {
  test('a plan holds its merchants (not started ones too) until it ends; taking one out frees it', () => {
    const created = plan(ids.slice(0, 3));
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    // Another plan or a batch over a merchant of the plan is refused, naming it; the others are free.
    expect(plan([ids[2], ids[3]])).toMatchObject({ ok: false, error: 'busy', apps: ['2021000000000002'] });
    // The batch pre-flight skips it as busy, so nothing runs.
    const refused = batch([ids[1]]);
    expect(refused).toMatchObject({ ok: false, error: 'nothingToRun' });
    expect(!refused.ok && 'rows' in refused && refused.rows[0].skip).toBeTruthy();
    expect(loadSubjects(db, [ids[1], ids[3]]).map((s) => s.busy)).toEqual([true, false]);
    expect(batch([ids[3]]).ok).toBe(true);

    skipMember(db, owner, created.plan.id, listMembers(db, created.plan.id).find((m) => m.merchantAppId === ids[2])!.id);
    expect(batch([ids[2]]).ok).toBe(true);
    abortPlan(db, owner, created.plan.id);
    expect(batch([ids[0], ids[1]]).ok).toBe(true);
  });

  test('a merchant in a running batch cannot join a plan', () => {
    expect(batch([ids[0]]).ok).toBe(true);
    expect(plan(ids)).toMatchObject({ ok: false, error: 'busy', apps: ['2021000000000000'] });
  });
});
