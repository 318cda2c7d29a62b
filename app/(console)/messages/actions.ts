'use server';
import { defineAction } from '@/lib/actions/define-action';
import { markAllRead, markRead } from '@/lib/messages/data';
import { markAllReadSchema, markReadSchema } from '@/lib/validation/inbox';

// Reading is every staff member's part of the shared inbox, viewers included: the read state is their own.
export const markMessagesRead = defineAction({
  name: 'messages.markRead',
  role: 'viewer',
  schema: markReadSchema,
  run: async (input, { db, user }) => ({ count: markRead(db, user.id, input.ids) }),
});

export const markAllMessagesRead = defineAction({
  name: 'messages.markAllRead',
  role: 'viewer',
  schema: markAllReadSchema,
  run: async (input, { db, user }) => ({ count: markAllRead(db, user.id, input) }),
});
