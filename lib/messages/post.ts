// Posts a message to the staff inbox. Titles and bodies are final Chinese text (the inbox shows them as stored).
import type { Db } from '@/db';
import { messages, type Message } from '@/db/schema';

export const MESSAGE_TYPES = [
  'authorization.granted',
  'authorization.cancelled',
  'authorization.conflict',
  'authorization.invalid',
  'authorization.refreshFailed',
  'profile.modified',
  'batch.finished',
] as const;

export interface PostMessageInput {
  /** Dotted kind, e.g. `authorization.cancelled`; later issues add their own. */
  type: string;
  title: string;
  body?: string | null;
  merchantId?: number | null;
  miniAppId?: string | null;
  version?: string | null;
  /** A console path, e.g. `/merchants/12/authorization`. */
  link?: string | null;
}

export function postMessage(db: Db, input: PostMessageInput): Message {
  return db
    .insert(messages)
    .values({
      type: input.type,
      title: input.title.slice(0, 200),
      body: input.body?.slice(0, 2000) ?? null,
      merchantId: input.merchantId ?? null,
      miniAppId: input.miniAppId ?? null,
      version: input.version ?? null,
      link: input.link ?? null,
    })
    .returning()
    .get();
}
