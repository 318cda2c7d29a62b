import { alipayErrorText } from '@/lib/alipay/errors';
import type { TextParams } from '@/lib/messages/text';
import { ActionError } from './result';

/** A platform failure as a form shows it: its text (in the reader's language) on the field it concerns, if any. */
export function platformActionError(e: unknown, field?: string, extra?: TextParams): ActionError {
  const { key, params } = alipayErrorText(e);
  return new ActionError(key, { field, params: params || extra ? { ...params, ...extra } : undefined });
}
