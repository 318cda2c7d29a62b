// The templates page: which templates the console knows (the sandbox's own in sandbox mode, and every template a
// batch instantiated) and how many merchant mini-programs run each, asked of the platform (template.usage.query).
import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { batches } from '@/db/schema';
import { alipayUserMessage } from '@/lib/alipay/errors';
import { queryTemplateUsage, TEMPLATE_USAGE_MAX_PAGE_SIZE } from '@/lib/alipay/templates';
import { getConfig } from '@/lib/config';
import { ensureSandboxIdentity } from '@/lib/sandbox/identity';

export interface TemplateRow {
  templateId: string;
  name: string | null;
  batches: number;
  /** Instances on the platform (counted up to MAX_COUNTED), or the platform's refusal. */
  instances: number | null;
  versions: { appVersion: string; count: number }[];
  error: string | null;
}

const MAX_PAGES = 40;

async function usage(templateId: string): Promise<Pick<TemplateRow, 'instances' | 'versions' | 'error'>> {
  const byVersion = new Map<string, number>();
  let instances = 0;
  try {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const rows = await queryTemplateUsage({ templateId, pageNum: page, pageSize: TEMPLATE_USAGE_MAX_PAGE_SIZE });
      instances += rows.length;
      for (const r of rows) byVersion.set(r.appVersion, (byVersion.get(r.appVersion) ?? 0) + 1);
      if (rows.length < TEMPLATE_USAGE_MAX_PAGE_SIZE) break;
    }
  } catch (e) {
    return { instances: null, versions: [], error: alipayUserMessage(e) };
  }
  const versions = [...byVersion.entries()].map(([appVersion, count]) => ({ appVersion, count })).sort((a, b) => b.count - a.count);
  return { instances, versions, error: null };
}

export async function listTemplates(db: Db): Promise<TemplateRow[]> {
  const known = new Map<string, { name: string | null; batches: number }>();
  const config = getConfig();
  if (config.alipayMode === 'sandbox') for (const t of ensureSandboxIdentity(config.dataDir).templates) known.set(t.templateId, { name: t.name, batches: 0 });
  const used = db
    .select({ templateId: sql<string>`json_extract(${batches.params}, '$.templateId')`, n: sql<number>`count(*)` })
    .from(batches)
    .where(sql`${batches.operation} = 'instantiate'`)
    .groupBy(sql`1`)
    .all();
  for (const u of used) if (u.templateId) known.set(u.templateId, { name: known.get(u.templateId)?.name ?? null, batches: Number(u.n) });
  return Promise.all([...known.entries()].map(async ([templateId, k]) => ({ templateId, name: k.name, batches: k.batches, ...(await usage(templateId)) })));
}
