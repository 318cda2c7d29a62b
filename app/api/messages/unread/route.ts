// The header's unread count: any signed-in staff member.
import { getDb } from '@/lib/db';
import { withRole } from '@/lib/auth/guard';
import { countUnread } from '@/lib/messages/data';

export const dynamic = 'force-dynamic';

export const GET = withRole('viewer', async (user) =>
  Response.json({ count: countUnread(getDb(), user.id) }, { headers: { 'cache-control': 'no-store' } }),
);
