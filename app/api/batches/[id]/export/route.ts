// A batch's per-merchant rows as CSV (any staff role may read it).
import { getDb } from '@/lib/db';
import { withRole } from '@/lib/auth/guard';
import { findBatch, listItems } from '@/lib/batches/data';
import { itemsCsv } from '@/lib/batches/view';
import { getTranslator } from '@/lib/i18n/server';
import { recordOperation } from '@/lib/operation-log/log';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = withRole('viewer', async (user, _request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = Number((await params).id);
  const db = getDb();
  const batch = Number.isInteger(id) ? findBatch(db, id) : undefined;
  if (!batch) return new Response('Not found', { status: 404 });
  const items = listItems(db, batch.id);
  recordOperation(db, { actor: user, action: 'batches.export', target: { type: 'batch', id: batch.id }, result: 'ok', detail: `${items.length} rows` });
  const { t } = await getTranslator();
  return new Response(itemsCsv(items, t), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="batch-${batch.id}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
