'use server';
// Authorization link and token actions. The link's token is returned once to the browser and never logged:
// the operation log records only the input (the merchant id).
import { revalidatePath } from 'next/cache';
import QRCode from 'qrcode';
import { z } from 'zod';
import { getAlipayClient } from '@/lib/alipay/client';
import { defineAction } from '@/lib/actions/define-action';
import { createAuthorizationLink, revokeAuthorizationLink } from '@/lib/authorization/links';
import { checkMerchantTokens } from '@/lib/authorization/refresher';
import { getTokenCipher } from '@/lib/authorization/tokens';
import { getConfig } from '@/lib/config';
import { merchantIdSchema } from '@/lib/validation/merchants';

export const generateAuthorizationLink = defineAction({
  name: 'authorization.generateLink',
  role: 'operator',
  schema: merchantIdSchema,
  target: (i) => ({ type: 'merchant', id: i.merchantId }),
  run: async ({ merchantId }, { db, user }) => {
    const config = getConfig();
    const { link, url } = createAuthorizationLink(db, { merchantId, createdById: user.id, ttlDays: config.authLinkTtlDays, appUrl: config.appUrl });
    const qr = await QRCode.toDataURL(url, { width: 360, margin: 2, errorCorrectionLevel: 'M' });
    revalidatePath(`/merchants/${merchantId}`, 'layout');
    return { linkId: link.id, url, qr, expiresAt: link.expiresAt.toISOString(), ttlDays: config.authLinkTtlDays };
  },
});

export const revokeLink = defineAction({
  name: 'authorization.revokeLink',
  role: 'operator',
  schema: merchantIdSchema.extend({ linkId: z.coerce.number().int().positive() }),
  target: (i) => ({ type: 'merchant', id: i.merchantId }),
  run: async (input, { db }) => {
    revokeAuthorizationLink(db, input);
    revalidatePath(`/merchants/${input.merchantId}`, 'layout');
    return undefined;
  },
});

export const checkTokensNow = defineAction({
  name: 'authorization.checkTokens',
  role: 'operator',
  schema: merchantIdSchema,
  target: (i) => ({ type: 'merchant', id: i.merchantId }),
  run: async ({ merchantId }, { db }) => {
    const results = await checkMerchantTokens(db, merchantId, { cipher: getTokenCipher(), client: getAlipayClient() });
    revalidatePath(`/merchants/${merchantId}`, 'layout');
    const values = Object.values(results);
    return { valid: values.filter((v) => v === 'valid').length, invalid: values.filter((v) => v === 'invalid').length, error: values.filter((v) => v === 'error').length };
  },
});
