// The staff inbox as a reader sees it (queries in ./data; posting is ./post).
import type { Message } from '@/db/schema';
import type { Translate } from '@/lib/i18n/core';
import { parseParams, renderText } from './text';

/** A message's title and body in the reader's language; older messages stored as text are shown as they were. */
export function renderInboxMessage(t: Translate, m: Pick<Message, 'key' | 'params' | 'title' | 'body'>): { title: string; body: string | null } {
  if (!m.key || !t.has(`${m.key}.title`)) return { title: m.title, body: m.body };
  const params = parseParams(m.params);
  return {
    title: renderText(t, { key: `${m.key}.title`, params }),
    body: t.has(`${m.key}.body`) ? renderText(t, { key: `${m.key}.body`, params }) : null,
  };
}
