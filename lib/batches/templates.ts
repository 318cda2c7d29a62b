// The templates page: the templates the console keeps (registered by staff, or copied from the sandbox), each version
// with how many merchant mini-programs run it — asked of the platform (template.usage.query, per template version)
// and counted in the console's own copy of versions (online or in gray).
import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { batches } from '@/db/schema';
import { alipayUserMessage } from '@/lib/alipay/errors';
import { queryTemplateUsage, TEMPLATE_USAGE_MAX_PAGE_SIZE } from '@/lib/alipay/templates';
import { consoleUsageByVersion } from '@/lib/templates/ext-configs';
import { latestOnShelf, listTemplateRecords } from '@/lib/templates/registry';
import { compareVersions } from '@/lib/versions/operations';

/** Pages asked per template version: counts stop at MAX_PAGES × 50 (shown as "≥"). */
export const USAGE_MAX_PAGES = 10;
export const USAGE_MAX_COUNTED = USAGE_MAX_PAGES * TEMPLATE_USAGE_MAX_PAGE_SIZE;

export interface TemplateVersionRow {
  version: string;
  /** Null for a version the console saw in use but nobody registered. */
  onShelf: boolean | null;
  note: string | null;
  /** Platform instances of this version (up to USAGE_MAX_COUNTED), or null when the platform refused. */
  platformCount: number | null;
  capped: boolean;
  consoleCount: number;
}

export interface TemplateRow {
  templateId: string;
  name: string | null;
  registered: boolean;
  latestOnShelf: string | null;
  /** Instantiate batches started with this template. */
  batches: number;
  /** Newest first. */
  versions: TemplateVersionRow[];
  /** The platform's refusal of a usage query (the first one), shown once per template. */
  error: string | null;
}

async function platformCount(templateId: string, templateVersion: string): Promise<{ count: number | null; capped: boolean; error: string | null }> {
  let count = 0;
  try {
    for (let page = 1; page <= USAGE_MAX_PAGES; page++) {
      const rows = await queryTemplateUsage({ templateId, templateVersion, pageNum: page, pageSize: TEMPLATE_USAGE_MAX_PAGE_SIZE });
      count += rows.length;
      if (rows.length < TEMPLATE_USAGE_MAX_PAGE_SIZE) return { count, capped: false, error: null };
    }
  } catch (e) {
    return { count: null, capped: false, error: alipayUserMessage(e) };
  }
  return { count, capped: true, error: null };
}

function batchCounts(db: Db): Map<string, number> {
  const used = db
    .select({ templateId: sql<string>`json_extract(${batches.params}, '$.templateId')`, n: sql<number>`count(*)` })
    .from(batches)
    .where(sql`${batches.operation} = 'instantiate'`)
    .groupBy(sql`1`)
    .all();
  return new Map(used.filter((u) => u.templateId).map((u) => [u.templateId, Number(u.n)]));
}

export async function listTemplates(db: Db): Promise<TemplateRow[]> {
  const records = listTemplateRecords(db);
  const byBatch = batchCounts(db);
  const known = new Map(records.map((r) => [r.templateId, r]));
  // Templates a batch instantiated but nobody registered still show, so their instances are not invisible.
  const ids = [...known.keys(), ...[...byBatch.keys()].filter((id) => !known.has(id))];
  return Promise.all(
    ids.map(async (templateId): Promise<TemplateRow> => {
      const record = known.get(templateId);
      const consoleCounts = consoleUsageByVersion(db, templateId);
      const registered = record?.versions ?? [];
      const versions = [
        ...registered.map((v) => ({ version: v.version, onShelf: v.onShelf, note: v.note })),
        ...[...consoleCounts.keys()].filter((v) => !registered.some((r) => r.version === v)).map((version) => ({ version, onShelf: null, note: null })),
      ].sort((a, b) => compareVersions(b.version, a.version));
      let error: string | null = null;
      const rows = await Promise.all(
        versions.map(async (v): Promise<TemplateVersionRow> => {
          const usage = await platformCount(templateId, v.version);
          error ??= usage.error;
          return { ...v, platformCount: usage.count, capped: usage.capped, consoleCount: consoleCounts.get(v.version) ?? 0 };
        }),
      );
      return {
        templateId,
        name: record?.name ?? null,
        registered: !!record,
        latestOnShelf: record ? latestOnShelf(db, templateId) : null,
        batches: byBatch.get(templateId) ?? 0,
        versions: rows,
        error,
      };
    }),
  );
}
