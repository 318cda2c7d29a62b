// The merchant list as CSV, filtered and sorted as on the page (any staff role may read it).
import { getDb } from '@/lib/db';
import type { Industry, MerchantAuthStatus } from '@/lib/merchants/vocabulary';
import { withRole } from '@/lib/auth/guard';
import { iterateMerchants } from '@/lib/merchants/data';
import { formatDateTime } from '@/lib/format';
import { toCsv } from '@/lib/merchants/csv';
import { recordOperation } from '@/lib/operation-log/log';
import { industryLabel } from '@/lib/merchants/industries';
import { TEMPLATE_HEADER } from '@/lib/merchants/import';
import { merchantListQuerySchema } from '@/lib/validation/merchants';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const STATUS: Record<MerchantAuthStatus, string> = { unauthorized: '未授权', authorized: '已授权', cancelled: '授权已取消' };

export const GET = withRole('viewer', async (user, request: Request) => {
  const parsed = merchantListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: 'validation.fixFields' }, { status: 400 });
  const query = parsed.data;
  const rows: (string | number | null)[][] = [[...TEMPLATE_HEADER, '授权状态', '小程序 APPID', '创建时间']];
  for (const batch of iterateMerchants(getDb(), query)) {
    for (const m of batch) {
      rows.push([
        m.name,
        m.contactName,
        m.mobile,
        m.email,
        industryLabel(m.industry as Industry),
        m.address,
        m.remarks,
        m.archivedAt ? `${STATUS[m.authStatus]}（已归档）` : STATUS[m.authStatus],
        m.apps.map((a) => a.authAppId).join(' '),
        formatDateTime(m.createdAt),
      ]);
    }
  }
  // Merchants' contact data leaves the console here: who took which rows is recorded.
  recordOperation(getDb(), { actor: user, action: 'merchants.export', input: query, result: 'ok', detail: `${rows.length - 1} rows` });
  const stamp = formatDateTime(new Date()).replace(/[-: ]/g, '').slice(0, 12);
  return new Response(toCsv(rows), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="merchants-${stamp}.csv"; filename*=UTF-8''${encodeURIComponent(`商家-${stamp}.csv`)}`,
      'cache-control': 'no-store',
    },
  });
});
