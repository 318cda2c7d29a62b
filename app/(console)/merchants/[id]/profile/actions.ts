'use server';
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { getAlipayClient } from '@/lib/alipay/client';
import { getTokenCipher } from '@/lib/authorization/tokens';
import { findMerchantApp } from '@/lib/authorization/data';
import { getDb } from '@/lib/db';
import { saveProfile } from '@/lib/profile/service';
import { changeSafeDomain } from '@/lib/profile/safe-domains';
import { profileSchema, safeDomainSchema } from '@/lib/validation/profile';

export const saveMiniAppProfile = defineAction({
  name: 'profile.modify',
  role: 'operator',
  schema: profileSchema,
  target: (i) => ({ type: 'miniApp', id: findMerchantApp(getDb(), i.merchantAppId)?.authAppId ?? `#${i.merchantAppId}` }),
  run: async (input, { db, user }) => {
    const result = await saveProfile(db, user, input, { cipher: getTokenCipher(), client: getAlipayClient() });
    const app = findMerchantApp(db, input.merchantAppId);
    if (app) revalidatePath(`/merchants/${app.merchantId}`, 'layout');
    return result;
  },
});

/** Adds (or with `remove`, deletes) one server domain of the mini-program. */
export const changeServerDomain = defineAction({
  name: 'profile.safeDomain',
  role: 'operator',
  schema: safeDomainSchema,
  target: (i) => ({ type: 'miniApp', id: findMerchantApp(getDb(), i.merchantAppId)?.authAppId ?? `#${i.merchantAppId}` }),
  run: async (input, { db }) => {
    await changeSafeDomain(db, input, { cipher: getTokenCipher(), client: getAlipayClient() });
    const app = findMerchantApp(db, input.merchantAppId);
    if (app) revalidatePath(`/merchants/${app.merchantId}`, 'layout');
  },
});
