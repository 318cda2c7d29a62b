'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { defineAction } from '@/lib/actions/define-action';
import { getAlipayClient } from '@/lib/alipay/client';
import { getTokenCipher } from '@/lib/authorization/tokens';
import { bindFromTab, generateFromTab, unbindFromTab } from '@/lib/codes/service';
import { findMerchantApp } from '@/lib/authorization/data';
import { bindRouteSchema, pageCodeSchema, unbindRouteSchema } from '@/lib/validation/codes';

const target = (i: { merchantAppId: number }) => ({ type: 'miniApp', id: findMerchantApp(getDb(), i.merchantAppId)?.authAppId ?? `#${i.merchantAppId}` });

function revalidate(merchantAppId: number) {
  const app = findMerchantApp(getDb(), merchantAppId);
  if (app) revalidatePath(`/merchants/${app.merchantId}/codes`);
}

const generate = defineAction({
  name: 'codes.generate',
  role: 'operator',
  schema: pageCodeSchema,
  target,
  run: async (input, { db, user }) => {
    const result = await generateFromTab(db, user, input, { cipher: getTokenCipher(), client: getAlipayClient() });
    revalidate(input.merchantAppId);
    return result;
  },
});

export const bindQrRule = defineAction({
  name: 'codes.bindRoute',
  role: 'operator',
  schema: bindRouteSchema,
  target,
  run: async (input, { db, user }) => {
    const result = await bindFromTab(db, user, input, { cipher: getTokenCipher(), client: getAlipayClient() });
    revalidate(input.merchantAppId);
    return result;
  },
});

export const unbindQrRule = defineAction({
  name: 'codes.unbindRoute',
  role: 'operator',
  schema: unbindRouteSchema,
  target,
  run: async (input, { db }) => {
    try {
      await unbindFromTab(db, input, { cipher: getTokenCipher(), client: getAlipayClient() });
    } finally {
      revalidate(input.merchantAppId);
    }
  },
});

export async function generatePageCode(input: Parameters<typeof generate>[0]) {
  return generate(input);
}
