// Every image of a page-code batch as one zip, a folder per merchant (any staff role may read it).
import { getDb } from '@/lib/db';
import { withRole } from '@/lib/auth/guard';
import { findBatch } from '@/lib/batches/data';
import { zipCodes } from '@/lib/codes/images';
import { listBatchCodeEntries } from '@/lib/codes/data';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = withRole('viewer', async (_user, _request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = Number((await params).id);
  const db = getDb();
  const batch = Number.isInteger(id) ? findBatch(db, id) : undefined;
  if (!batch || batch.operation !== 'pageCode') return new Response('Not found', { status: 404 });
  const entries = listBatchCodeEntries(db, batch.id);
  if (!entries.length) return new Response('No code has been generated in this batch yet', { status: 404 });
  const zip = await zipCodes(entries);
  return new Response(new Uint8Array(zip), {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="batch-${batch.id}-codes.zip"`,
      'cache-control': 'no-store',
    },
  });
});
