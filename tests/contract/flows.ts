// Steps the contract tests repeat, each through lib/alipay only.
import { expect } from 'vitest';
import type { AlipayClient } from '@/lib/alipay/client';
import type { MerchantScope } from '@/lib/alipay/common';
import { AlipayError } from '@/lib/alipay/errors';
import {
  getVersionDetail,
  queryBuild,
  releaseVersion,
  startGrayRelease,
  submitAudit,
  uploadVersion,
  type SubmitAuditInput,
  type VersionDetail,
} from '@/lib/alipay/versions';
import { PLAIN_CATEGORY, squarePng, TEMPLATE_ID, waitFor } from './harness';

/** Resolves with the AlipayError the promise must reject with, checking its sub_code. */
export async function expectRefusal(promise: Promise<unknown>, subCode: string): Promise<AlipayError> {
  const err = await promise.then(
    () => {
      throw new Error(`expected ${subCode}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AlipayError);
  expect((err as AlipayError).subCode).toBe(subCode);
  expect((err as AlipayError).userMessage).toMatch(/[\u4e00-\u9fff]/);
  return err as AlipayError;
}

export async function uploadBuilt(client: AlipayClient, scope: MerchantScope, appVersion: string): Promise<void> {
  await uploadVersion({ ...scope, templateId: TEMPLATE_ID, appVersion, ext: { extEnable: true, ext: { shopName: '青禾花店' } } }, client);
  await waitFor(async () => ((await queryBuild({ ...scope, appVersion }, client)).buildStatus === 2 ? true : undefined), `build of ${appVersion}`);
}

/** A submission the sandbox accepts and its reviewer passes. */
export async function auditInput(scope: MerchantScope, appVersion: string, overrides: Partial<SubmitAuditInput> = {}): Promise<SubmitAuditInput> {
  const shot = await squarePng(`screen-${appVersion}`, 120);
  return {
    ...scope,
    appVersion,
    versionDesc: '新增花束预订功能，优化首页加载速度与下单流程',
    regionType: 'CHINA',
    appSlogan: '每天一束好花送到你身边',
    appDesc: '提供花束、绿植的在线预订与同城配送服务，支持预约送达时间',
    miniCategoryIds: [PLAIN_CATEGORY],
    servicePhone: '0571-88886666',
    screenshots: [
      { fileName: 'home.png', content: shot },
      { fileName: 'order.png', content: shot },
    ],
    appLogo: { fileName: 'logo.png', content: await squarePng('logo', 80) },
    ...overrides,
  };
}

export async function waitForDecision(client: AlipayClient, scope: MerchantScope, appVersion: string): Promise<VersionDetail> {
  return waitFor(async () => {
    const detail = await getVersionDetail({ ...scope, appVersion }, client);
    return detail.status === 'AUDITING' ? undefined : detail;
  }, `the audit decision on ${appVersion}`);
}

/** Upload, build, audit (passed) — the version ends in WAIT_RELEASE. */
export async function passedVersion(client: AlipayClient, scope: MerchantScope, appVersion: string): Promise<void> {
  await uploadBuilt(client, scope, appVersion);
  await submitAudit(await auditInput(scope, appVersion), client);
  const detail = await waitForDecision(client, scope, appVersion);
  expect(detail.status).toBe('WAIT_RELEASE');
}

/** All the way online, through a 10% gray release. */
export async function onlineVersion(client: AlipayClient, scope: MerchantScope, appVersion: string): Promise<void> {
  await passedVersion(client, scope, appVersion);
  await startGrayRelease({ ...scope, appVersion, grayStrategy: 'p10' }, client);
  await releaseVersion({ ...scope, appVersion }, client);
}
