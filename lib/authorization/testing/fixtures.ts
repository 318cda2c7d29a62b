// Test helpers: a migrated in-memory database with a merchant and a link, and a fake Alipay client by method.
import crypto from 'node:crypto';
import { vi } from 'vitest';
import type { Db } from '@/db';
import { clientFromExec, type ExecFn } from '@/lib/alipay/client';
import { createTokenCipher } from '@/lib/crypto/token-cipher';
import { insertMerchant } from '@/lib/merchants/data';
import { memoryDb } from '@/lib/testing/memory-db';
import { createAuthorizationLink } from '../links';

export const ISV_APP_ID = '2021000000000001';

export function setup(name = '花美花艺') {
  const db: Db = memoryDb();
  const key = crypto.randomBytes(32);
  const cipher = createTokenCipher(key);
  const merchant = insertMerchant(db, { name, contactName: '王', mobile: `138${crypto.randomInt(10_000_000, 99_999_999)}`, industry: 'retail' });
  const { link, token } = createAuthorizationLink(db, { merchantId: merchant.id, createdById: null, ttlDays: 7, appUrl: 'http://console.test' });
  return { db, key, cipher, merchant, link, token };
}

export function issued(authAppId: string, n = 1) {
  return {
    authAppId,
    userId: '2088000000000001',
    appAuthToken: `202611BB${authAppId}tok${n}${crypto.randomBytes(6).toString('hex')}`,
    appRefreshToken: `202611BB${authAppId}ref${n}${crypto.randomBytes(6).toString('hex')}`,
    expiresIn: 31_536_000,
    reExpiresIn: 32_140_800,
  };
}

type Answer = Record<string, unknown> | ((bizContent: Record<string, unknown>) => Record<string, unknown>);

/** A client whose answers are given per method; an answer with `code` other than 10000 is a refusal. */
export function fakeAlipay(answers: Record<string, Answer>) {
  const exec = vi.fn<ExecFn>(async (method, params) => {
    const answer = answers[method];
    if (!answer) throw new Error(`unexpected call ${method}`);
    const body = typeof answer === 'function' ? answer((params.bizContent ?? {}) as Record<string, unknown>) : answer;
    return { code: '10000', msg: 'Success', ...body } as never;
  });
  return { exec, client: clientFromExec(ISV_APP_ID, exec) };
}

export const refusal = (code: string, subCode: string, subMsg = '') => ({ code, msg: 'Business Failed', subCode, subMsg });
