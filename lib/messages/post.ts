// Posts a message to the staff inbox. A message is a notice (`inbox.notices.<name>`: a title and an optional body)
// with its parameters, rendered in each reader's language when shown; plain `title`/`body` text is for what the
// console did not write itself and stays as given.
import type { Db } from '@/db';
import type { Message } from '@/db/schema';
import type { Messages } from '@/lib/i18n/core';
import { translatorFor } from '@/lib/i18n/catalog';
import { insertMessage } from './data';
import { renderText, storeParams, type TextParams } from './text';

export const MESSAGE_TYPES = [
  'authorization.granted',
  'authorization.cancelled',
  'authorization.conflict',
  'authorization.invalid',
  'authorization.refreshFailed',
  'profile.modified',
  'batch.finished',
  'template.onShelf',
  'authorization.expiring',
] as const;

export type NoticeName = keyof Messages['inbox']['notices'] & string;

export interface PostMessageInput {
  /** Dotted kind, e.g. `authorization.cancelled`; later issues add their own. */
  type: string;
  /** What the message says, in the reader's language. */
  notice?: { name: NoticeName; params?: TextParams };
  /** Plain text, when there is no notice. */
  title?: string;
  body?: string | null;
  merchantId?: number | null;
  miniAppId?: string | null;
  version?: string | null;
  /** A console path, e.g. `/merchants/12/authorization`. */
  link?: string | null;
}

export function postMessage(db: Db, input: PostMessageInput): Message {
  let key: string | null = null;
  let { title = '', body = null } = input;
  if (input.notice) {
    key = `inbox.notices.${input.notice.name}`;
    // The Chinese rendering is kept beside the key: a reference for anyone reading the table directly.
    const t = translatorFor('zh-CN');
    title = renderText(t, { key: `${key}.title`, params: input.notice.params });
    body = t.has(`${key}.body`) ? renderText(t, { key: `${key}.body`, params: input.notice.params }) : null;
  }
  return insertMessage(db, {
    type: input.type,
    key,
    params: storeParams(input.notice?.params),
    title: title.slice(0, 200),
    body: body?.slice(0, 2000) ?? null,
    merchantId: input.merchantId ?? null,
    miniAppId: input.miniAppId ?? null,
    version: input.version ?? null,
    link: input.link ?? null,
  });
}
