// A batch's per-merchant rows as CSV (any staff role may read it).
import { getDb } from '@/db';
import { withRole } from '@/lib/auth/guard';
import { findBatch, listItems } from '@/lib/batches/data';
import { itemsCsv } from '@/lib/batches/view';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = withRole('viewer', async (_user, _request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = Number((await params).id);
  const db = getDb();
  const batch = Number.isInteger(id) ? findBatch(db, id) : undefined;
  if (!batch) return new Response('Not found', { status: 404 });
  return new Response(itemsCsv(listItems(db, batch.id)), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="batch-${batch.id}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
