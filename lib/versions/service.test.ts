// Version services against a real (temporary) sandbox over HTTP: the lifecycle through the console's own code, lost
// messages corrected by reconciliation, double clicks, timed-out calls checked before any retry, and a platform
// state changed behind the console's back.
import { LICENCE_DEFAULTS } from '@/lib/validation/audit-form';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { merchantApps, merchants, messages, operationLogs } from '@/db/schema';
import { ActionError } from '@/lib/actions/result';
import { NOTIFICATION_KINDS } from '@/lib/alipay/notify';
import { releaseVersion, startGrayRelease } from '@/lib/alipay/versions';
import { memoryDb } from '@/lib/testing/memory-db';
import { PLAIN_CATEGORY, squarePng, startContractSandbox, TEMPLATE_ID, waitFor, type ContractSandbox, type Merchant } from '@/tests/contract/harness';
import { findVersion, listEvents, listLiveVersions } from './data';
import type { VersionDeps } from './deps';
import { applyAuditMessage, parseAuditMessage } from './notifications';
import { performVersionOperation, submitVersionForAudit, uploadNewVersion } from './service';
import { followBuilds, syncMiniAppVersions } from './sync';
import { buildVersionsView } from './view';
import type { SubmitAuditValues } from '@/lib/validation/versions';
import { zhText } from '@/lib/testing/text';

let t: ContractSandbox;
beforeAll(async () => {
  t = await startContractSandbox({}, 1500);
  // Messages are not delivered in these tests (nothing listens): decisions are learnt by reading the platform.
  // Long enough that "in audit" can be seen right after submitting, even on a loaded machine.
  t.sandbox.control.updateSettings({ messageDelivery: 'off', reviewDelayMs: 1500 });
});
afterEach(() => {
  t.resetPlatform();
  t.sandbox.control.updateSettings({ messageDelivery: 'off', reviewDelayMs: 1500 });
});
afterAll(() => t.close());

const ACTOR = { id: 1, email: 'op@e2e.test' };

interface World {
  db: Db;
  deps: VersionDeps;
  m: Merchant;
  appId: number;
}

async function world(name?: string): Promise<World> {
  const db = memoryDb();
  db.insert((await import('@/db/schema')).users).values({ id: 1, email: ACTOR.email, name: 'op', passwordHash: 'x', role: 'operator' }).run();
  const m = await t.newMerchant(name);
  const merchant = db.insert(merchants).values({ name: `商家${m.appId}`, contactName: '张三', mobile: `138${m.appId.slice(-8)}`, industry: 'retail' }).returning().get();
  const app = db
    .insert(merchantApps)
    .values({ merchantId: merchant.id, authAppId: m.appId, appName: m.appName, status: 'authorized', authorizedAt: new Date() })
    .returning()
    .get();
  const deps: VersionDeps = { db, client: t.client, operable: () => ({ app, merchant, appAuthToken: m.appAuthToken }), now: () => new Date() };
  return { db, deps, m, appId: app.id };
}

async function upload(w: World, appVersion: string) {
  const r = await uploadNewVersion(w.deps, ACTOR, { merchantAppId: w.appId, templateId: TEMPLATE_ID, templateVersion: '', appVersion, ext: '{"shopName":"青禾"}' });
  expect(r.outcome).toBe('done');
  await waitFor(async () => {
    await followBuilds(w.deps, w.appId, w.m.appAuthToken);
    return findVersion(w.db, w.appId, appVersion)?.buildStatus === 'success' ? true : undefined;
  }, `build of ${appVersion}`);
}

async function submission(w: World, appVersion: string, overrides: Partial<SubmitAuditValues> = {}): Promise<SubmitAuditValues> {
  const shot = new Blob([new Uint8Array(await squarePng(`s-${appVersion}`, 120))], { type: 'image/png' });
  return {
    merchantAppId: w.appId,
    appVersion,
    agreed: true,
    versionDesc: '新增花束预订功能，优化首页加载速度与下单流程',
    regionType: 'CHINA',
    regions: [],
    screenshots: [shot, shot],
    testAccount: '',
    testPassword: '',
    memo: '',
    appName: '',
    appEnglishName: '',
    appSlogan: '每天一束好花送到你身边',
    appDesc: '提供花束、绿植的在线预订与同城配送服务，支持预约送达时间',
    categoryIds: [PLAIN_CATEGORY],
    servicePhone: '0571-88886666',
    serviceEmail: '',
    logo: null,
    autoOnline: false,
    ...LICENCE_DEFAULTS,
    ...overrides,
  };
}

async function decided(w: World, appVersion: string) {
  return waitFor(async () => {
    t.sandbox.control.runDueWork();
    await syncMiniAppVersions(w.deps, w.appId, { reason: 'poll' });
    const s = findVersion(w.db, w.appId, appVersion)?.status;
    return s && s !== 'AUDITING' ? s : undefined;
  }, `decision on ${appVersion}`);
}

const op = (w: World, operation: Parameters<typeof performVersionOperation>[2], appVersion: string, extra: object = {}) =>
  performVersionOperation(w.deps, ACTOR, operation, { merchantAppId: w.appId, appVersion, ...extra });

const statuses = (w: World) => Object.fromEntries(listLiveVersions(w.db, w.appId).map((v) => [v.appVersion, v.status]));
const inbox = (w: World) => w.db.select().from(messages).all();
const corrections = (w: World) => w.db.select().from(operationLogs).where(eq(operationLogs.action, 'versions.reconcile')).all();

describe('the lifecycle through the console', () => {
  it('upload → experience → audit (decision learnt by polling) → gray 10 → 30 → online → 2nd → online → rollback → offline', async () => {
    const w = await world();
    await upload(w, '1.0.0');
    expect(statuses(w)).toEqual({ '1.0.0': 'INIT' });

    expect((await op(w, 'setExperience', '1.0.0')).outcome).toBe('done');
    await waitFor(async () => {
      await syncMiniAppVersions(w.deps, w.appId, { reason: 'poll' });
      return findVersion(w.db, w.appId, '1.0.0')?.experience === 'packaged' ? true : undefined;
    }, 'experience packaged');
    expect(findVersion(w.db, w.appId, '1.0.0')?.expQrCodeUrl).toMatch(/^http/);

    expect((await submitVersionForAudit(w.deps, ACTOR, await submission(w, '1.0.0'))).outcome).toBe('done');
    expect(statuses(w)).toEqual({ '1.0.0': 'AUDITING' });
    expect(await decided(w, '1.0.0')).toBe('WAIT_RELEASE');
    // The lost message is made up for: history and inbox have the decision, the operation log the correction.
    const kinds = listEvents(w.db, [findVersion(w.db, w.appId, '1.0.0')!.id]).map((e) => e.kind);
    expect(kinds).toContain('passed');
    expect(inbox(w).map((m) => m.type)).toEqual(['audit.passed']);
    expect(corrections(w).map((c) => c.detail)).toEqual(['1.0.0: AUDITING → WAIT_RELEASE']);

    expect((await op(w, 'grayRelease', '1.0.0', { grayStrategy: 'p10' })).outcome).toBe('done');
    await expect(op(w, 'widenGray', '1.0.0', { grayStrategy: 'p10' })).rejects.toThrow('versions.errors.grayNotWider');
    expect((await op(w, 'widenGray', '1.0.0', { grayStrategy: 'p30' })).outcome).toBe('done');
    expect(findVersion(w.db, w.appId, '1.0.0')).toMatchObject({ status: 'GRAY', grayStrategy: 'p30' });
    expect((await op(w, 'online', '1.0.0')).outcome).toBe('done');
    // The first version ever online: rollback is refused by the rule before any call.
    await expect(op(w, 'rollback', '1.0.0')).rejects.toThrow('versions.reasons.firstRelease');

    await op(w, 'cancelExperience', '1.0.0');
    await upload(w, '1.0.1');
    await submitVersionForAudit(w.deps, ACTOR, await submission(w, '1.0.1'));
    expect(await decided(w, '1.0.1')).toBe('WAIT_RELEASE');
    await op(w, 'grayRelease', '1.0.1', { grayStrategy: 'p50' });
    await expect(op(w, 'rollback', '1.0.0')).rejects.toThrow('versions.reasons.grayRunningRollback');
    await op(w, 'online', '1.0.1');
    expect(statuses(w)).toEqual({ '1.0.1': 'RELEASE', '1.0.0': 'OFFLINE' });

    expect((await op(w, 'rollback', '1.0.1')).outcome).toBe('done');
    expect(statuses(w)).toEqual({ '1.0.1': 'OFFLINE', '1.0.0': 'RELEASE' });
    await expect(op(w, 'rollback', '1.0.0')).rejects.toThrow('versions.reasons.afterRollback');
    expect((await op(w, 'offline', '1.0.0')).outcome).toBe('done');
    expect(statuses(w)).toEqual({ '1.0.1': 'OFFLINE', '1.0.0': 'OFFLINE' });
    // Our own operations are not disagreements: only the two decisions learnt by polling were corrected.
    expect(corrections(w)).toHaveLength(2);
  });

  it('a rejection keeps its reason; back to development, fix the name, resubmit, pass', async () => {
    const w = await world('鲜花预定');
    await upload(w, '1.0.0');
    await submitVersionForAudit(w.deps, ACTOR, await submission(w, '1.0.0'));
    expect(await decided(w, '1.0.0')).toBe('AUDIT_REJECT');
    const rejected = findVersion(w.db, w.appId, '1.0.0')!;
    expect(rejected.rejectReason).toContain('过于宽泛');
    expect(inbox(w).map((m) => [m.type, m.body?.includes('过于宽泛')])).toEqual([['audit.rejected', true]]);

    await op(w, 'backToDev', '1.0.0');
    await submitVersionForAudit(w.deps, ACTOR, await submission(w, '1.0.0', { appName: '花间小筑鲜花预定' }));
    expect(await decided(w, '1.0.0')).toBe('WAIT_RELEASE');
    const audit = listEvents(w.db, [rejected.id])
      .map((e) => e.kind)
      .filter((k) => ['submitted', 'passed', 'rejected', 'backToDev'].includes(k))
      .reverse();
    expect(audit).toEqual(['submitted', 'rejected', 'backToDev', 'submitted', 'passed']);
  });

  it('platform refusals come back on the right field and write nothing', async () => {
    const w = await world();
    await upload(w, '1.0.0');
    const refused = await submitVersionForAudit(w.deps, ACTOR, await submission(w, '1.0.0', { servicePhone: '', categoryIds: [] })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ActionError);
    expect((refused as ActionError).options.field).toBe('categoryIds');
    expect(findVersion(w.db, w.appId, '1.0.0')?.status).toBe('INIT');
    const dup = await uploadNewVersion(w.deps, ACTOR, { merchantAppId: w.appId, templateId: TEMPLATE_ID, templateVersion: '9.9.9', appVersion: '1.0.1', ext: '' }).catch((e: unknown) => e);
    expect((dup as ActionError).options.field).toBe('templateVersion');
    expect(findVersion(w.db, w.appId, '1.0.1')).toBeUndefined();
  });
});

describe('keeping the truth', () => {
  it('an audit message updates the version once, however often it arrives, and after a poll found it', async () => {
    const w = await world();
    await upload(w, '1.0.0');
    await submitVersionForAudit(w.deps, ACTOR, await submission(w, '1.0.0'));
    const message = parseAuditMessage(NOTIFICATION_KINDS.auditPassed, { mini_app_id: w.m.appId, mini_app_version: '1.0.0' }, 'n-1', { utcTimestamp: String(Date.now() + 1000) })!;
    applyAuditMessage(w.deps, message);
    applyAuditMessage(w.deps, { ...message, notifyId: 'n-2' });
    expect(findVersion(w.db, w.appId, '1.0.0')?.status).toBe('WAIT_RELEASE');
    expect(inbox(w)).toHaveLength(1);
    await decided(w, '1.0.0');
    expect(inbox(w)).toHaveLength(1);
  });

  it('a change made outside the console is corrected and logged', async () => {
    const w = await world();
    await upload(w, '1.0.0');
    await submitVersionForAudit(w.deps, ACTOR, await submission(w, '1.0.0'));
    await decided(w, '1.0.0');
    await startGrayRelease({ ...w.m.scope, appVersion: '1.0.0', grayStrategy: 'p30' }, t.client);
    await syncMiniAppVersions(w.deps, w.appId, { reason: 'open' });
    expect(findVersion(w.db, w.appId, '1.0.0')).toMatchObject({ status: 'GRAY', grayStrategy: 'p30' });
    expect(corrections(w).at(-1)?.detail).toBe('1.0.0: WAIT_RELEASE → GRAY');
  });

  it('odd answers (§7, §8): the version with an unknown status is kept raw with every operation withheld; the others keep theirs', async () => {
    const w = await world();
    await upload(w, '1.0.0');
    await upload(w, '1.0.1');
    t.sandbox.control.setFaults([{ method: '*', oddAnswers: true }]);
    // The list answers 1.0.1 (newest first) as PROMOTE_AUDIT_REJECT, drops a field and adds one: the sync succeeds.
    await syncMiniAppVersions(w.deps, w.appId, { reason: 'open', full: true });
    expect(findVersion(w.db, w.appId, '1.0.1')?.status).toBe('PROMOTE_AUDIT_REJECT');
    const view = buildVersionsView(w.db, w.appId, { error: null, corrections: [], at: null })!;
    const odd = view.versions.find((v) => v.appVersion === '1.0.1')!;
    expect(odd.status).toBe('PROMOTE_AUDIT_REJECT');
    expect(Object.values(odd.ops).every((a) => a.state === 'hidden' && a.reason === 'versions.reasons.unknownStatus')).toBe(true);
    const dev = view.versions.find((v) => v.appVersion === '1.0.0')!;
    expect(dev.status).toBe('INIT');
    expect(dev.ops.delete.state).toBe('allowed');
    // An action on the odd row is refused by the same rule on the server, and nothing is sent.
    const sentBefore = t.sandbox.control.listRequests(500).filter((r) => r.method === 'alipay.open.mini.version.delete').length;
    await expect(performVersionOperation(w.deps, ACTOR, 'delete', { merchantAppId: w.appId, appVersion: '1.0.1' })).rejects.toBeInstanceOf(ActionError);
    expect(t.sandbox.control.listRequests(500).filter((r) => r.method === 'alipay.open.mini.version.delete')).toHaveLength(sentBefore);
  });

  it('a second staff member acting on a stale page gets a clear message, not a crash', async () => {
    const w = await world();
    await upload(w, '1.0.0');
    await submitVersionForAudit(w.deps, ACTOR, await submission(w, '1.0.0'));
    await decided(w, '1.0.0');
    await op(w, 'grayRelease', '1.0.0', { grayStrategy: 'p10' });
    // Someone else releases it on the platform; our copy still says GRAY.
    await releaseVersion({ ...w.m.scope, appVersion: '1.0.0' }, t.client);
    const err = await op(w, 'endGray', '1.0.0', { expectedStatus: 'GRAY' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ActionError);
    expect((err as ActionError).message).toBe('versions.errors.platform');
    expect(zhText(err as ActionError)).toMatch(/支付宝未执行该操作：.*灰度/);
    // The refusal made the console read the platform: the page now shows the truth.
    expect(findVersion(w.db, w.appId, '1.0.0')?.status).toBe('RELEASE');
    const stale = await op(w, 'endGray', '1.0.0', { expectedStatus: 'GRAY' }).catch((e: unknown) => e);
    expect((stale as ActionError).message).toBe('versions.errors.stateChanged');
  });

  it('a double click runs the operation once', async () => {
    const w = await world();
    await upload(w, '1.0.0');
    const [a, b] = await Promise.all([op(w, 'setExperience', '1.0.0'), op(w, 'setExperience', '1.0.0')]);
    expect([a.outcome, b.outcome].sort()).toEqual(['done', 'inProgress']);
  });

  it('a timed-out call that took effect is recognised before a retry, which then sends nothing', async () => {
    const w = await world();
    await upload(w, '1.0.0');
    await submitVersionForAudit(w.deps, ACTOR, await submission(w, '1.0.0'));
    await decided(w, '1.0.0');
    // The platform applies the call after the client gave up waiting.
    t.sandbox.control.setFaults([{ method: 'alipay.open.mini.version.gray.online', latencyMs: 3000 }]);
    const timedOut = await op(w, 'grayRelease', '1.0.0', { grayStrategy: 'p10' }).catch((e: unknown) => e);
    expect((timedOut as ActionError).message).toBe('versions.errors.unknownOutcome');
    expect(findVersion(w.db, w.appId, '1.0.0')?.pendingOperation).toBe('grayRelease');
    const before = t.sandbox.control.listRequests(500).filter((r: { method: string | null }) => r.method === 'alipay.open.mini.version.gray.online').length;
    expect((await op(w, 'grayRelease', '1.0.0', { grayStrategy: 'p10' })).outcome).toBe('alreadyApplied');
    const after = t.sandbox.control.listRequests(500).filter((r: { method: string | null }) => r.method === 'alipay.open.mini.version.gray.online').length;
    expect(after).toBe(before);
    expect(findVersion(w.db, w.appId, '1.0.0')).toMatchObject({ status: 'GRAY', pendingOperation: null });
  });

  it('a timed-out call that did not take effect is sent again once checked', async () => {
    const w = await world();
    await upload(w, '1.0.0');
    t.sandbox.control.setFaults([{ method: 'alipay.open.mini.experience.create', hang: true }]);
    const timedOut = await op(w, 'setExperience', '1.0.0').catch((e: unknown) => e);
    expect((timedOut as ActionError).message).toBe('versions.errors.unknownOutcome');
    t.sandbox.control.setFaults([]);
    expect((await op(w, 'setExperience', '1.0.0')).outcome).toBe('done');
  });
});
