// The operation log as CSV, for the page's filter, in the reader's language (any staff role may read the log).
import { getDb } from '@/lib/db';
import { withRole } from '@/lib/auth/guard';
import { getTranslator } from '@/lib/i18n/server';
import { operationFilterOf, recordOperation } from '@/lib/operation-log/log';
import { operationsCsv } from '@/lib/operation-log/csv';
import { operationLogQuerySchema } from '@/lib/validation/operation-log';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = withRole('viewer', async (user, request: Request) => {
  const query = operationLogQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  const db = getDb();
  const { t } = await getTranslator();
  const { csv, rows } = operationsCsv(db, t, operationFilterOf(filters));
  // Who took which part of the log is itself recorded.
  recordOperation(db, { actor: user, action: 'operationLog.export', input: filters, result: 'ok', detail: `${rows} rows` });
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="operation-log-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
