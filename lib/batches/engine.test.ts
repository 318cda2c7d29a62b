// The engine against a scripted in-memory platform: what it does when an answer is lost, refused or delayed.
import { beforeEach, describe, expect, test } from 'vitest';
import type { z } from 'zod';
import type { Db } from '@/db';
import type { AlipayClient, AlipayRequest } from '@/lib/alipay/client';
import { AlipayError, AlipayTransportError } from '@/lib/alipay/errors';
import { merchantApps, merchants, miniAppVersions, versionEvents } from '@/db/schema';
import { memoryDb } from '@/lib/testing/memory-db';
import { findBatch, insertBatch, listItems, MerchantBusyError, retryFailedItems } from './data';
import { processItem, type EngineDeps } from './engine';
import { RateLimiter } from './rate-limit';
import { staticTokenSource } from './token-source';

type Fault = 'unavailable' | 'lostAnswer' | { refuse: string };

/** Versions per token; `faults[method]` are used up one per call. */
class FakePlatform implements AlipayClient {
  readonly appId = '2021000000000000';
  versions = new Map<string, { appVersion: string; buildStatus: number; versionStatus: string }[]>();
  uploads = 0;
  faults: Record<string, Fault[]> = {};
  buildStatusAfterUpload = 2;
  /** list.query answers this many more times as if nothing was uploaded yet (a lagging read). */
  listLags = 0;

  async call<S extends z.ZodType>(method: string, schema: S, request: AlipayRequest = {}): Promise<z.output<S>> {
    const short = method.replace('alipay.open.mini.version.', '');
    const fault = this.faults[short]?.shift();
    if (fault === 'unavailable') throw new AlipayError({ method, code: '20000', msg: 'Service Currently Unavailable', subCode: 'isp.unknow-error' });
    if (fault && typeof fault === 'object') throw new AlipayError({ method, code: '40004', msg: 'Business Failed', subCode: fault.refuse });
    const list = this.versions.get(request.appAuthToken!) ?? [];
    this.versions.set(request.appAuthToken!, list);
    const biz = request.bizContent ?? {};
    let answer: unknown;
    if (short === 'upload') {
      if (list.some((v) => v.appVersion === biz.app_version)) throw new AlipayError({ method, code: '40004', msg: 'Business Failed', subCode: 'VERSION_HAS_EXISTED' });
      this.uploads += 1;
      list.unshift({ appVersion: String(biz.app_version), buildStatus: this.buildStatusAfterUpload, versionStatus: 'INIT' });
      answer = { buildStatus: 1 };
    } else if (short === 'build.query') {
      const v = list.find((x) => x.appVersion === biz.app_version);
      if (!v) throw new AlipayError({ method, code: '40004', msg: 'Business Failed', subCode: 'BUILD_VERSION_NOT_EXISTED' });
      answer = { buildStatus: v.buildStatus };
    } else if (short === 'list.query') {
      const lagging = this.listLags > 0;
      if (lagging) this.listLags -= 1;
      answer = { appVersionInfos: lagging ? [] : list.map((v) => ({ appVersion: v.appVersion, versionStatus: v.versionStatus })) };
    } else if (short === 'detail.query') {
      const v = list.find((x) => x.appVersion === biz.app_version);
      if (!v) throw new AlipayError({ method, code: '40004', msg: 'Business Failed', subCode: 'MINIAPP_VERSION_NOT_EXSIT' });
      answer = { appVersion: v.appVersion, status: v.versionStatus };
    } else throw new Error(`unexpected ${method}`);
    // The platform acted; the answer never arrived.
    if (fault === 'lostAnswer') throw new AlipayTransportError(method, 'timeout', 'UND_ERR_HEADERS_TIMEOUT');
    return schema.parse(answer);
  }
}

const APP = '2021000000000101';
let db: Db;
let platform: FakePlatform;
let deps: EngineDeps;
let closed: number[];

/** The merchant's mini-program as the console records it (the version lifecycle works on recorded mini-programs). */
function recordedApp(authAppId = APP): number {
  const found = db.select().from(merchantApps).all().find((a) => a.authAppId === authAppId);
  if (found) return found.id;
  const merchantId = db.insert(merchants).values({ name: '青禾花店', contactName: '王', mobile: '13800001111', industry: 'retail' }).returning().get().id;
  return db.insert(merchantApps).values({ merchantId, authAppId, appName: '青禾', status: 'authorized', authorizedAt: new Date() }).returning().get().id;
}

function newBatch(authAppIds = [APP]) {
  return insertBatch(db, {
    operation: 'instantiate',
    params: { templateId: '2021004100000001', templateVersion: '', ext: '{"shop":"{{merchant.name}}"}', perMerchant: {} },
    createdById: null,
    createdByEmail: 'ops@example.com',
    steps: ['upload', 'build'],
    items: authAppIds.map((authAppId) => ({ merchantId: null, merchantAppId: authAppId === APP ? recordedApp(authAppId) : null, authAppId, merchantName: '青禾花店' })),
  });
}

async function runToEnd(itemId: number): Promise<number> {
  let rounds = 0;
  for (;;) {
    rounds += 1;
    const outcome = await processItem(deps, itemId);
    if (outcome.kind === 'done') return rounds;
  }
}

beforeEach(() => {
  db = memoryDb();
  platform = new FakePlatform();
  closed = [];
  const token = { appAuthToken: 'token-101', subject: { merchant: { name: '青禾花店', phone: '13800001111' }, miniApp: { appId: APP } } };
  deps = {
    db,
    client: platform,
    tokens: staticTokenSource(new Map([[APP, token]])),
    limiter: new RateLimiter(10_000),
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    buildPollMs: 1,
    onBatchClosed: (b) => closed.push(b.id),
  };
});

describe('processItem', () => {
  test('uploads, follows the build, succeeds and closes the batch once', async () => {
    const batch = newBatch();
    const [item] = listItems(db, batch.id);
    await runToEnd(item.id);
    expect(platform.uploads).toBe(1);
    expect(listItems(db, batch.id)[0]).toMatchObject({ state: 'succeeded', appVersion: '1.0.0', callOutstanding: false });
    expect(findBatch(db, batch.id)).toMatchObject({ status: 'finished', succeeded: 1, failed: 0 });
    await processItem(deps, item.id);
    expect(closed).toEqual([batch.id]);
  });

  test('an upload whose answer was lost is found on the platform, not uploaded again', async () => {
    platform.faults.upload = ['lostAnswer'];
    const batch = newBatch();
    const [item] = listItems(db, batch.id);
    expect(await processItem(deps, item.id)).toMatchObject({ kind: 'wait' });
    expect(listItems(db, batch.id)[0]).toMatchObject({ state: 'running', step: 'upload', callOutstanding: true, appVersion: '1.0.0' });
    await runToEnd(item.id);
    expect(platform.uploads).toBe(1);
    expect(listItems(db, batch.id)[0]).toMatchObject({ state: 'succeeded', appVersion: '1.0.0' });
  });

  test('a lost answer the check does not see yet still ends in one upload (VERSION_HAS_EXISTED is ours)', async () => {
    platform.faults.upload = ['lostAnswer'];
    // The first read (choosing the number) and the check after the lost answer both lag behind the upload.
    platform.listLags = 2;
    const batch = newBatch();
    await runToEnd(listItems(db, batch.id)[0].id);
    expect(platform.uploads).toBe(1);
    expect(listItems(db, batch.id)[0].state).toBe('succeeded');
  });

  test('a transient refusal is retried; a business refusal is not', async () => {
    platform.faults.upload = ['unavailable', { refuse: 'TEMPLATE_NOT_ONLINE_OR_OFFLINE' }];
    const batch = newBatch();
    const [item] = listItems(db, batch.id);
    expect(await runToEnd(item.id)).toBe(2);
    expect(platform.uploads).toBe(0);
    expect(listItems(db, batch.id)[0]).toMatchObject({ state: 'failed', subCode: 'TEMPLATE_NOT_ONLINE_OR_OFFLINE', attempts: 2, callOutstanding: false });
    expect(findBatch(db, batch.id)).toMatchObject({ status: 'finished', failed: 1 });
  });

  test('transient failures stop after the attempts allowed, outcome marked unknown', async () => {
    platform.faults.upload = ['unavailable', 'unavailable', 'unavailable'];
    const batch = newBatch();
    await runToEnd(listItems(db, batch.id)[0].id);
    expect(listItems(db, batch.id)[0]).toMatchObject({ state: 'failed', subCode: 'isp.unknow-error', attempts: 3, callOutstanding: true });
  });

  test('a failed build fails the item; "retry failed" starts it over with a new version', async () => {
    platform.buildStatusAfterUpload = 3;
    const batch = newBatch();
    await runToEnd(listItems(db, batch.id)[0].id);
    expect(listItems(db, batch.id)[0]).toMatchObject({ state: 'failed', subCode: 'BUILD_FAILED', step: 'build' });
    platform.buildStatusAfterUpload = 2;
    expect(retryFailedItems(db, batch.id)).toBe(1);
    expect(listItems(db, batch.id)[0]).toMatchObject({ state: 'pending', step: 'upload', appVersion: null });
    await runToEnd(listItems(db, batch.id)[0].id);
    expect(listItems(db, batch.id)[0]).toMatchObject({ state: 'succeeded', appVersion: '1.0.1' });
    expect(closed).toEqual([batch.id, batch.id]);
  });

  test('an unknown merchant fails with the authorization reason, without a call', async () => {
    const batch = newBatch(['2021000000000999']);
    await runToEnd(listItems(db, batch.id)[0].id);
    expect(listItems(db, batch.id)[0]).toMatchObject({ state: 'failed', subCode: 'AUTHORIZATION_UNAVAILABLE', message: 'authorization.appNotFound' });
  });
});

describe('the upload is recorded in the console\'s copy of versions', () => {
  function batchFor(merchantAppId: number) {
    return insertBatch(db, {
      operation: 'instantiate',
      params: { templateId: '2021004100000001', templateVersion: '1.2.0', ext: '{"shop":"{{merchant.name}}"}', perMerchant: { [APP]: { override: { tel: '{{not rendered}}' } } } },
      createdById: null,
      createdByEmail: 'ops@example.com',
      steps: ['upload', 'build'],
      items: [{ merchantId: null, merchantAppId, authAppId: APP, merchantName: '青禾花店' }],
    });
  }
  const rows = () => db.select().from(miniAppVersions).all();

  test('with the template version and the rendered ext', async () => {
    const batch = batchFor(recordedApp());
    await runToEnd(listItems(db, batch.id)[0].id);
    expect(rows()).toMatchObject([
      { appVersion: '1.0.0', status: 'INIT', templateId: '2021004100000001', templateVersion: '1.2.0', ext: '{"shop":"青禾花店","tel":"{{not rendered}}"}' },
    ]);
  });

  test('a recovered upload is recorded too, with its history naming the batch', async () => {
    const merchantAppId = recordedApp();
    platform.faults.upload = ['lostAnswer'];
    const batch = batchFor(merchantAppId);
    const [item] = listItems(db, batch.id);
    await processItem(deps, item.id);
    // The row exists from before the call, marked as a call of unknown outcome.
    expect(rows()).toMatchObject([{ appVersion: '1.0.0', status: null, pendingOperation: 'upload' }]);
    await runToEnd(item.id);
    expect(platform.uploads).toBe(1);
    expect(rows()).toMatchObject([{ appVersion: '1.0.0', status: 'INIT', pendingOperation: null, templateVersion: '1.2.0', ext: '{"shop":"青禾花店","tel":"{{not rendered}}"}' }]);
    const events = db.select().from(versionEvents).all();
    expect(events.filter((e) => e.kind === 'uploaded')).toMatchObject([{ source: 'batch', batchId: batch.id, actorEmail: 'ops@example.com' }]);
  });
});

describe('one running batch per merchant', () => {
  test('a mini-program with an unfinished item cannot join another batch, and can once it finished', async () => {
    const first = newBatch();
    expect(() => newBatch()).toThrow(MerchantBusyError);
    await runToEnd(listItems(db, first.id)[0].id);
    expect(() => newBatch()).not.toThrow();
  });
});
