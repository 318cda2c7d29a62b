// `npm run bench:plan [-- --merchants 1000 --latency 100 --concurrency 8 --rps 20 --review-ms 2000 --hold-s 2]`:
// a release plan over N merchants (default 1,000) in three waves (5 %, 25 %, the rest; gray 10 %, a short hold,
// gate ≥ 90 % online and ≤ 10 % rejected or failed) on the real worker (`scripts/worker.ts` as a child process)
// against a sandbox served here over HTTP with latency and 2 % transient faults. The reviewer decides automatically
// after a short delay and rejects 3 % of the merchants by its own rules (their category needs a licence they lack);
// messages are off, so the console learns each decision by reconciliation. The worker is killed with SIGKILL once
// mid-plan. Prints wall time, calls, the limit for the same calls (the larger of calls × latency ÷ concurrency and
// calls ÷ rps, plus each wave's unavoidable review delay and hold), the ratio, and from the sandbox's own records:
// merchants online, rejected (must equal the seeded), lost (0), duplicated uploads (0), and whether every gate decided
// as the wave's numbers required.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    merchants: { type: 'string', default: '1000' },
    latency: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: process.env.BATCH_CONCURRENCY ?? '8' },
    rps: { type: 'string', default: process.env.BATCH_RPS ?? '20' },
    'build-ms': { type: 'string', default: '300' },
    'review-ms': { type: 'string', default: '2000' },
    'hold-s': { type: 'string', default: '2' },
    'fault-rate': { type: 'string', default: '0.02' },
  },
});

const N = Number(args.merchants);
const LATENCY = Number(args.latency);
const CONCURRENCY = Number(args.concurrency);
const RPS = Number(args.rps);
const BUILD_MS = Number(args['build-ms']);
const REVIEW_MS = Number(args['review-ms']);
const HOLD_S = Number(args['hold-s']);
const FAULT_RATE = Number(args['fault-rate']);
const WAVES = [5, 25];
const GATE = { minOnline: 90, maxFailed: 10 };
/** One merchant in 33 (3 %) is in a category that needs a licence: the reviewer rejects it. */
const rejectedByRule = (i: number) => i % 33 === 16;
const LICENSED = '1001_100101';
const PLAIN = '1002_100203';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyapp-bench-plan-'));
process.env.DATA_DIR = dataDir;
process.env.ALIPAY_MODE = 'sandbox';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const { createSandbox } = await import('@/lib/sandbox');
  const { serveSandbox } = await import('@/lib/sandbox/testing/serve');
  const sandbox = createSandbox({ dataDir, appUrl: 'http://127.0.0.1:9', buildDurationMs: BUILD_MS, reviewDelayMs: REVIEW_MS });
  sandbox.control.updateSettings({ messageDelivery: 'off', reviewMode: 'auto' });
  const served = await serveSandbox(sandbox);
  process.env.APP_URL = served.url;

  const { openConsoleDb } = await import('@/db');
  const { merchantApps } = await import('@/db/schema');
  const { exchangeAuthCode } = await import('@/lib/alipay/auth');
  const { modifyBaseInfo } = await import('@/lib/alipay/base-info');
  const { createAlipayClient } = await import('@/lib/alipay/client');
  const { loadAlipaySettings } = await import('@/lib/alipay/settings');
  const { getConfig } = await import('@/lib/config');
  const { getTokenCipher, sealIssuedToken } = await import('@/lib/authorization/tokens');
  const { insertMerchant } = await import('@/lib/merchants/data');
  const { findPlan, listMembers, listWaves, planItems } = await import('@/lib/plans/data');
  const { planInputSchema } = await import('@/lib/plans/input');
  const { createPlan } = await import('@/lib/plans/service');
  const { decideGate } = await import('@/lib/plans/shape');

  const { db, sqlite } = openConsoleDb(path.join(dataDir, 'console.db'));
  const client = createAlipayClient(loadAlipaySettings(getConfig()));
  const cipher = getTokenCipher();

  console.log(`seeding ${N} authorized merchants (${Array.from({ length: N }, (_, i) => i).filter(rejectedByRule).length} in a licensed category)…`);
  const appIds: number[] = [];
  let seededRejections = 0;
  for (let i = 0; i < N; i++) {
    const name = `青禾${String(i).padStart(4, '0')}`;
    const account = sandbox.control.createMerchantAccount({ miniApps: [{ name }] });
    const appId = account.miniApps[0].appId;
    const { appAuthCode } = sandbox.control.authorize({ userId: account.userId, appIds: [appId], redirectUri: 'http://console.test/cb' });
    const [token] = (await exchangeAuthCode({ code: appAuthCode }, client)).tokens;
    const category = rejectedByRule(i) ? LICENSED : PLAIN;
    if (rejectedByRule(i)) seededRejections++;
    await modifyBaseInfo({ appAuthToken: token.appAuthToken, miniCategoryIds: [category], servicePhone: '0571-88886666' }, client);
    const merchant = insertMerchant(db, { name: `基准商户${String(i).padStart(4, '0')}`, contactName: '王经理', mobile: `139${String(i).padStart(8, '0')}`, industry: 'retail', authStatus: 'authorized' });
    const now = new Date();
    const app = db
      .insert(merchantApps)
      .values({ merchantId: merchant.id, authAppId: appId, userId: account.userId, appName: name, status: 'authorized', authorizedAt: now, categoryIds: category, ...sealIssuedToken(cipher, token, now) })
      .returning()
      .get();
    appIds.push(app.id);
  }

  const created = createPlan(
    db,
    { id: null, email: 'bench@tinyapp' },
    planInputSchema.parse({
      name: 'bench',
      templateId: '2021004100000001',
      templateVersion: '1.0.0',
      ext: '{"extEnable":true,"ext":{"shopName":"{{merchant.name}}","appId":"{{miniApp.appId}}"}}',
      merchantAppIds: appIds,
      waves: { kind: 'percent', percents: WAVES },
      grayStrategy: 'p10',
      holdSeconds: HOLD_S,
      gate: GATE,
      audit: { versionDesc: '新增花束预订功能，优化首页加载速度与下单流程，修复已知问题，提升整体体验', regionType: 'GLOBAL', screenshots: [] },
    }),
  );
  if (!created.ok) throw new Error(`plan refused: ${JSON.stringify(created).slice(0, 400)}`);
  const planId = created.plan.id;

  sandbox.control.setFaults([{ method: '*', latencyMs: LATENCY, errorRate: FAULT_RATE }]);
  const workerEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    APP_URL: served.url,
    BATCH_CONCURRENCY: String(CONCURRENCY),
    BATCH_RPS: String(RPS),
    BATCH_BUILD_POLL_MS: String(Math.max(50, Math.round(BUILD_MS / 2))),
    RECONCILE_INTERVAL_MS: '2000',
    BACKUP_CRON: 'off',
  };
  const spawnWorker = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], { env: workerEnv, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('batch worker')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    });
    return child;
  };

  const firstRequest = sandbox.control.listRequests(1)[0]?.id ?? 0;
  const started = performance.now();
  let worker = await spawnWorker();
  let killed = false;
  let lastLog = 0;
  for (;;) {
    sandbox.control.runDueWork();
    await sleep(100);
    const plan = findPlan(db, planId)!;
    if (plan.status !== 'running') break;
    const waves = listWaves(db, planId);
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      const items = [...planItems(db, planId).values()];
      console.log(
        `${((performance.now() - started) / 1000).toFixed(0)} s: waves ${waves.map((w) => w.status).join(' / ')}; online ${items.filter((i) => i.state === 'succeeded').length}, failed ${items.filter((i) => i.state === 'failed').length}`,
      );
    }
    // Mid-plan: the last wave under way, about a third of it done.
    if (!killed && waves[2]?.status === 'running') {
      const items = [...planItems(db, planId).values()].filter((i) => i.batchId === waves[2].batchId);
      if (items.filter((i) => i.state === 'succeeded').length >= items.length / 3) {
        worker.kill('SIGKILL');
        await new Promise((r) => worker.once('exit', r));
        killed = true;
        console.log(`worker killed (SIGKILL) in wave 3 at ${items.filter((i) => i.state === 'succeeded').length}/${items.length} online; restarting`);
        worker = await spawnWorker();
      }
    }
  }
  const wallMs = performance.now() - started;
  const calls = (sandbox.control.listRequests(1)[0]?.id ?? 0) - firstRequest;
  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));

  // From the sandbox's own records.
  const plan = findPlan(db, planId)!;
  const waves = listWaves(db, planId);
  const members = listMembers(db, planId);
  const items = planItems(db, planId);
  let online = 0;
  let rejected = 0;
  let lost = 0;
  let duplicates = 0;
  const perWave = waves.map(() => ({ total: 0, online: 0, rejected: 0, failed: 0 }));
  for (const m of members) {
    const platform = sandbox.control.listVersions(m.authAppId);
    duplicates += Math.max(0, sandbox.control.countUploads(m.authAppId) - 1);
    const status = platform[0]?.status;
    const item = items.get(m.authAppId);
    const w = perWave[m.waveIdx];
    w.total++;
    if (status === 'RELEASE') {
      online++;
      w.online++;
    } else if (status === 'AUDIT_REJECT') {
      rejected++;
      w.rejected++;
    } else w.failed++;
    // Lost: a merchant the plan never finished, or one the console thinks online that the platform does not have.
    if (!item || item.state === 'pending' || item.state === 'running' || (item.state === 'succeeded' && status !== 'RELEASE')) lost++;
  }
  const gatesRight = waves.every((w, i) => {
    const stored = w.gate ? (JSON.parse(w.gate) as ReturnType<typeof decideGate>) : null;
    const expected = decideGate(perWave[i], GATE);
    return !!stored && stored.passed === expected.passed && stored.online === expected.online && stored.rejected === expected.rejected && stored.failed === expected.failed;
  });
  const byConcurrency = (calls * LATENCY) / CONCURRENCY;
  const byRate = (calls * 1000) / RPS;
  const waits = waves.length * (REVIEW_MS + HOLD_S * 1000);
  const limitMs = Math.max(byConcurrency, byRate) + waits;
  const row = (k: string, v: string | number) => console.log(`${k.padEnd(24)} ${v}`);
  console.log('');
  row('plan', `${plan.status}; waves ${waves.map((w) => `${w.size} ${w.status}`).join(', ')}`);
  row('merchants', N);
  row('latency / faults', `${LATENCY} ms / ${(FAULT_RATE * 100).toFixed(0)} % transient, one SIGKILL of the worker`);
  row('concurrency / rps', `${CONCURRENCY} / ${RPS}`);
  row('review delay / hold', `${REVIEW_MS} ms / ${HOLD_S} s`);
  row('wall time', `${(wallMs / 1000).toFixed(1)} s`);
  row('calls', calls);
  row(
    'limit',
    `${(limitMs / 1000).toFixed(1)} s  (${byRate > byConcurrency ? 'calls ÷ rps' : 'calls × latency ÷ concurrency'} ${(Math.max(byConcurrency, byRate) / 1000).toFixed(1)} s + ${waves.length} waves × (review + hold) ${(waits / 1000).toFixed(1)} s)`,
  );
  row('ratio wall ÷ limit', (wallMs / limitMs).toFixed(2));
  row('online', `${online} / ${N}`);
  row('rejected', `${rejected} (seeded ${seededRejections})`);
  row('lost', lost);
  row('duplicated uploads', duplicates);
  for (const [i, w] of waves.entries()) {
    const g = w.gate ? (JSON.parse(w.gate) as ReturnType<typeof decideGate>) : null;
    row(`gate wave ${i + 1}`, g ? `${g.passed ? 'passed' : 'failed'}: online ${g.online}/${g.total} (${g.onlinePercent}%), rejected ${g.rejected}, failed ${g.failed}` : 'none');
  }
  row('gates as numbers require', gatesRight ? 'yes' : 'NO');

  sqlite.close();
  await served.close();
  sandbox.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(lost || duplicates || rejected !== seededRejections || !gatesRight || plan.status !== 'finished' ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e);
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
});
