import { withRole } from '@/lib/auth/guard';
import { importTemplateCsv } from '@/lib/merchants/import';

export const runtime = 'nodejs';

export const GET = withRole('viewer', async () =>
  new Response(importTemplateCsv(), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="merchants-template.csv"; filename*=UTF-8''${encodeURIComponent('商家导入模板.csv')}`,
      'cache-control': 'no-store',
    },
  }),
);
