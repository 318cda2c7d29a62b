'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { defineAction } from '@/lib/actions/define-action';
import { getAlipayClient } from '@/lib/alipay/client';
import { getTokenCipher } from '@/lib/authorization/tokens';
import { findMerchantApp } from '@/lib/authorization/data';
import { inviteFromTab, removeFromTab, saveRemark } from '@/lib/members/service';
import { inviteMemberSchema, memberRemarkSchema, removeMemberSchema } from '@/lib/validation/members';

const target = (i: { merchantAppId: number }) => ({ type: 'miniApp', id: findMerchantApp(getDb(), i.merchantAppId)?.authAppId ?? `#${i.merchantAppId}` });

function revalidate(merchantAppId: number) {
  const app = findMerchantApp(getDb(), merchantAppId);
  if (app) revalidatePath(`/merchants/${app.merchantId}/members`);
}

export const inviteMember = defineAction({
  name: 'members.invite',
  role: 'operator',
  schema: inviteMemberSchema,
  target,
  run: async (input, { db, user }) => {
    await inviteFromTab(db, user, input, { cipher: getTokenCipher(), client: getAlipayClient() });
    revalidate(input.merchantAppId);
  },
});

export const removeMember = defineAction({
  name: 'members.remove',
  role: 'operator',
  schema: removeMemberSchema,
  target,
  run: async (input, { db }) => {
    await removeFromTab(db, input, { cipher: getTokenCipher(), client: getAlipayClient() });
    revalidate(input.merchantAppId);
  },
});

export const saveMemberRemark = defineAction({
  name: 'members.remark',
  role: 'operator',
  schema: memberRemarkSchema,
  target,
  run: async (input, { db }) => {
    saveRemark(db, input);
    revalidate(input.merchantAppId);
  },
});

