// One version lifecycle for people and batches, against a real (temporary) sandbox: a batch step goes through the
// same service as a click on the Versions tab, writes the same history, keeps the console's record true at once,
// and an audit decision belongs to its round, so a version number used again still gets its messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { merchantApps, merchants, messages, users, type MerchantApp, type Merchant as MerchantRow } from '@/db/schema';
import { NOTIFICATION_KINDS } from '@/lib/alipay/notify';
import { insertBatch, listItems } from '@/lib/batches/data';
import { processItem, type EngineDeps } from '@/lib/batches/engine';
import { RateLimiter } from '@/lib/batches/rate-limit';
import { staticTokenSource } from '@/lib/batches/token-source';
import { memoryDb } from '@/lib/testing/memory-db';
import { PLAIN_CATEGORY, squarePng, startContractSandbox, TEMPLATE_ID, waitFor, type ContractSandbox, type Merchant } from '@/tests/contract/harness';
import { findVersion, listEvents } from './data';
import type { VersionDeps } from './deps';
import { applyAuditMessage, parseAuditMessage } from './notifications';
import { performVersionOperation, submitForAudit, uploadNewVersion } from './service';
import { followBuilds, syncMiniAppVersions } from './sync';

let t: ContractSandbox;
beforeAll(async () => {
  t = await startContractSandbox({}, 1500);
  t.sandbox.control.updateSettings({ messageDelivery: 'off', reviewDelayMs: 200 });
});
afterAll(() => t.close());

const OWNER = { id: 1, email: 'ops@e2e.test' };

interface App {
  m: Merchant;
  row: MerchantApp;
  merchant: MerchantRow;
}

let db: Db;
const apps: App[] = [];

async function addApp(): Promise<App> {
  const m = await t.newMerchant();
  const merchant = db.insert(merchants).values({ name: `商家${m.appId}`, contactName: '张三', mobile: `138${m.appId.slice(-8)}`, industry: 'retail' }).returning().get();
  const row = db.insert(merchantApps).values({ merchantId: merchant.id, authAppId: m.appId, appName: m.appName, status: 'authorized', authorizedAt: new Date() }).returning().get();
  const app = { m, row, merchant };
  apps.push(app);
  return app;
}

const versionDeps: VersionDeps = {
  get db() {
    return db;
  },
  client: undefined as never,
  operable: (id) => {
    const a = apps.find((x) => x.row.id === id)!;
    return { app: a.row, merchant: a.merchant, appAuthToken: a.m.appAuthToken };
  },
  now: () => new Date(),
};

function engine(): EngineDeps {
  return {
    db,
    client: t.client,
    tokens: staticTokenSource(new Map(apps.map((a) => [a.m.appId, { appAuthToken: a.m.appAuthToken, subject: { merchant: { name: a.merchant.name, phone: a.merchant.mobile }, miniApp: { appId: a.m.appId } } }]))),
    limiter: new RateLimiter(1000),
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    buildPollMs: 20,
  };
}

async function runBatch(operation: 'gray' | 'submitAudit', params: unknown, step: 'gray' | 'submit', app: App): Promise<number> {
  const batch = insertBatch(db, {
    operation,
    params,
    createdById: OWNER.id,
    createdByEmail: OWNER.email,
    steps: [step],
    items: [{ merchantId: app.merchant.id, merchantAppId: app.row.id, authAppId: app.m.appId, merchantName: app.merchant.name }],
  });
  const [item] = listItems(db, batch.id);
  for (let i = 0; i < 50; i++) if ((await processItem(engine(), item.id)).kind === 'done') break;
  expect(listItems(db, batch.id)[0]).toMatchObject({ state: 'succeeded' });
  return batch.id;
}

async function uploaded(app: App, appVersion: string) {
  const deps = { ...versionDeps, client: t.client };
  expect((await uploadNewVersion(deps, OWNER, { merchantAppId: app.row.id, templateId: TEMPLATE_ID, templateVersion: '', appVersion, ext: '{}' })).outcome).toBe('done');
  await waitFor(async () => {
    await followBuilds(deps, app.row.id, app.m.appAuthToken);
    return findVersion(db, app.row.id, appVersion)?.buildStatus === 'success' ? true : undefined;
  }, `build of ${appVersion}`);
}

async function auditForm() {
  const shot = (await squarePng('shot', 120)).toString('base64');
  return {
    versionDesc: '新增花束预订功能，优化首页加载速度与下单流程',
    regionType: 'CHINA',
    contact: 'set',
    servicePhone: '0571-88886666',
    serviceEmail: '',
    appSlogan: '每天一束好花送到你身边',
    appDesc: '提供花束、绿植的在线预订与同城配送服务，支持预约送达时间',
    categoryIds: [PLAIN_CATEGORY],
    memo: '',
    screenshots: [
      { fileName: 'a.png', base64: shot },
      { fileName: 'b.png', base64: shot },
    ],
    autoOnline: false,
  };
}

async function consoleSubmit(app: App, appVersion: string) {
  const deps = { ...versionDeps, client: t.client };
  const form = await auditForm();
  const { auditRequest } = await import('@/lib/batches/audit-request');
  const { batchAuditFormSchema } = await import('@/lib/validation/batches');
  const r = auditRequest(batchAuditFormSchema.parse(form), {});
  const decode = (i: { fileName: string; base64: string }) => ({ fileName: i.fileName, content: Buffer.from(i.base64, 'base64') });
  const request = { ...r, screenshots: r.screenshots.map(decode), appLogo: undefined, license: undefined };
  expect((await submitForAudit(deps, OWNER, { merchantAppId: app.row.id, appVersion, request, summary: { appVersion } })).outcome).toBe('done');
}

async function passed(app: App, appVersion: string) {
  const deps = { ...versionDeps, client: t.client };
  await waitFor(async () => {
    t.sandbox.control.runDueWork();
    await syncMiniAppVersions(deps, app.row.id, { reason: 'poll' });
    return findVersion(db, app.row.id, appVersion)?.status === 'WAIT_RELEASE' ? true : undefined;
  }, `pass of ${appVersion}`);
}

const platformStatus = async (app: App, appVersion: string) => {
  const { listVersions } = await import('@/lib/alipay/versions');
  return (await listVersions({ appAuthToken: app.m.appAuthToken }, t.client)).find((v) => v.appVersion === appVersion)?.versionStatus;
};

describe('one version lifecycle', () => {
  beforeAll(() => {
    db = memoryDb();
    db.insert(users).values({ id: OWNER.id, email: OWNER.email, name: 'ops', passwordHash: 'x', role: 'operator' }).run();
  });

  it('a batch gray and a console gray write the same record and the same history event, naming who and which batch', async () => {
    const byPerson = await addApp();
    const byBatch = await addApp();
    for (const app of [byPerson, byBatch]) {
      await uploaded(app, '1.0.0');
      await consoleSubmit(app, '1.0.0');
      await passed(app, '1.0.0');
    }

    await performVersionOperation({ ...versionDeps, client: t.client }, OWNER, 'grayRelease', { merchantAppId: byPerson.row.id, appVersion: '1.0.0', grayStrategy: 'p10' });
    const batchId = await runBatch('gray', { grayStrategy: 'p10' }, 'gray', byBatch);

    // The console's records match the platform at once, without anyone opening a page.
    for (const app of [byPerson, byBatch]) {
      expect(findVersion(db, app.row.id, '1.0.0')).toMatchObject({ status: 'GRAY', grayStrategy: 'p10' });
      expect(await platformStatus(app, '1.0.0')).toBe('GRAY');
    }
    const grayEvent = (app: App) => listEvents(db, [findVersion(db, app.row.id, '1.0.0')!.id]).find((e) => e.kind === 'grayStarted')!;
    const person = grayEvent(byPerson);
    const batch = grayEvent(byBatch);
    expect(person).toMatchObject({ source: 'console', batchId: null, actorEmail: OWNER.email, actorId: OWNER.id });
    expect(batch).toMatchObject({ source: 'batch', batchId, actorEmail: OWNER.email, actorId: OWNER.id });
    const shape = ({ id: _id, versionId: _v, at: _at, source: _s, batchId: _b, ...rest }: typeof person) => rest;
    expect(shape(batch)).toEqual(shape(person));
    // Nothing was recorded as a "correction by reconciliation": the console did it and knows it.
    expect(listEvents(db, [findVersion(db, byBatch.row.id, '1.0.0')!.id]).filter((e) => e.kind === 'corrected')).toEqual([]);
  }, 60_000);

  it('a version number used again after a delete gets its own audit round, and its message reaches the inbox', async () => {
    const app = await addApp();
    const deps = { ...versionDeps, client: t.client };
    const message = (notifyId: string) =>
      parseAuditMessage(NOTIFICATION_KINDS.auditPassed, { mini_app_id: app.m.appId, mini_app_version: '1.0.0' }, notifyId, { utcTimestamp: String(Date.now() + 1000) })!;
    const inbox = () => db.select().from(messages).where(eq(messages.miniAppId, app.m.appId)).all().filter((m) => m.type === 'audit.passed');

    // Round 1, from the Versions tab: passed, its message recorded once.
    await uploaded(app, '1.0.0');
    await consoleSubmit(app, '1.0.0');
    await passed(app, '1.0.0');
    applyAuditMessage(deps, message('round-1'));
    expect(inbox()).toHaveLength(1);

    // Back to development, deleted, the same number uploaded again and submitted by a batch.
    await performVersionOperation(deps, OWNER, 'backToDev', { merchantAppId: app.row.id, appVersion: '1.0.0' });
    await performVersionOperation(deps, OWNER, 'delete', { merchantAppId: app.row.id, appVersion: '1.0.0' });
    await uploaded(app, '1.0.0');
    await runBatch('submitAudit', { audit: await auditForm() }, 'submit', app);
    expect(findVersion(db, app.row.id, '1.0.0')).toMatchObject({ status: 'AUDITING', auditRound: 2 });

    await waitFor(async () => {
      t.sandbox.control.runDueWork();
      return (await platformStatus(app, '1.0.0')) === 'WAIT_RELEASE' ? true : undefined;
    }, 'platform decision');
    applyAuditMessage(deps, message('round-2'));
    applyAuditMessage(deps, message('round-2-again'));
    expect(inbox()).toHaveLength(2);
    const decisions = listEvents(db, [findVersion(db, app.row.id, '1.0.0')!.id]).filter((e) => e.kind === 'passed');
    expect(decisions.map((e) => e.auditRound).sort()).toEqual([1, 2]);
  }, 60_000);
});
