'use server';
import { defineAction } from '@/lib/actions/define-action';
import { markAllRead, markRead } from '@/lib/messages/inbox';
import { markAllReadSchema, markReadSchema } from '@/lib/validation/inbox';

// Reading is every staff member's part of the shared inbox, viewers included: the read state is their own.
const markReadAction = defineAction({
  name: 'messages.markRead',
  role: 'viewer',
  schema: markReadSchema,
  run: async (input, { db, user }) => ({ count: markRead(db, user.id, input.ids) }),
});

const markAllReadAction = defineAction({
  name: 'messages.markAllRead',
  role: 'viewer',
  schema: markAllReadSchema,
  run: async (input, { db, user }) => ({ count: markAllRead(db, user.id, input) }),
});

export async function markMessagesRead(input: Parameters<typeof markReadAction>[0]) {
  return markReadAction(input);
}
export async function markAllMessagesRead(input: Parameters<typeof markAllReadAction>[0]) {
  return markAllReadAction(input);
}
