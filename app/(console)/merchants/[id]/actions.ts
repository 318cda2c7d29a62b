'use server';
// Actions shared by a merchant's tabs.
import { defineAction } from '@/lib/actions/define-action';
import { getTokenCipher } from '@/lib/authorization/tokens';
import { refreshMiniAppData } from '@/lib/profile/service';
import { refreshSnapshotSchema } from '@/lib/validation/profile';

/** Reads a mini-program's platform data into the console's snapshot; the page re-renders from it afterwards. */
export const refreshMiniAppSnapshot = defineAction({
  name: 'miniApp.refresh',
  role: 'viewer',
  schema: refreshSnapshotSchema,
  readOnly: true,
  run: async (input, { db }) => {
    await refreshMiniAppData(db, input.merchantAppId, input.part, { cipher: getTokenCipher() });
  },
});
