// The ISV's own template calls (no merchant token).
import 'server-only';
import { z } from 'zod';
import { getAlipayClient, type AlipayClient } from './client';
import { list, optionalInteger, optionalText, text } from './common';

export const TEMPLATE_USAGE_MAX_PAGE_SIZE = 50;

const usageSchema = z
  .object({ templateUsageInfoList: list(z.object({ miniAppId: text, appVersion: text })) })
  .transform((r) => r.templateUsageInfoList);
export type TemplateUsage = z.output<typeof usageSchema>[number];

/** Which merchant mini-programs (and versions) are instances of a template; pages start at 1. */
export function queryTemplateUsage(
  input: { templateId: string; templateVersion?: string; pageNum?: number; pageSize?: number; bundleId?: string },
  client: AlipayClient = getAlipayClient(),
): Promise<TemplateUsage[]> {
  return client.call('alipay.open.mini.template.usage.query', usageSchema, {
    bizContent: {
      template_id: input.templateId,
      template_version: input.templateVersion,
      page_num: input.pageNum,
      page_size: input.pageSize,
      bundle_id: input.bundleId,
    },
  });
}

// ── Template list and instances (contract §4 "Templates") ─────────────────────────────────────────────────────
// Statuses stay raw strings: the platform's template `version_status` and instance `status` values are unverified,
// so an unknown one is kept and shown, never rejected (§8).

/** On the platform's shelf: usable for instantiation without naming another version. */
export const TEMPLATE_ON_SHELF_STATUS = 'RELEASE';

/** A missing string is an empty one (shown as "—"). */
const str = optionalText.transform((v) => v ?? '');

const templateVersionInfo = z.object({ templateVersion: text, versionStatus: str });

const templateApp = z.object({
  miniAppId: text,
  appName: str,
  logoUrl: str,
  dateCreate: str,
  versionList: list(templateVersionInfo),
});
export type PlatformTemplate = z.output<typeof templateApp>;

const templateListSchema = z.object({ appList: list(templateApp) }).transform((r) => r.appList);

/** The ISV app's templates and their versions, as the platform holds them. */
export function queryTemplateList(client: AlipayClient = getAlipayClient()): Promise<PlatformTemplate[]> {
  return client.call('alipay.open.mini.templatelist.query', templateListSchema);
}

const instanceSchema = z.object({
  miniAppId: text,
  appName: str,
  logoUrl: str,
  templateId: str,
  templateName: str,
  templateVersion: str,
  latestVersion: str,
  latestVersionStatus: str,
  qrCodeUrl: str,
  status: str,
});
export type TemplateInstance = z.output<typeof instanceSchema>;

const instantiatePageSchema = z.object({
  instantiateList: list(instanceSchema),
  pageNo: optionalInteger,
  pageSize: optionalInteger,
  totalItems: optionalInteger,
});
export type InstantiatePage = z.output<typeof instantiatePageSchema>;

/** The platform's largest page for instantiate.query (sandbox rule: larger pages are capped to it). */
export const INSTANTIATE_MAX_PAGE_SIZE = 50;

/** One page of the merchant mini-programs instantiated from the ISV's templates; pages start at 1. */
export function queryInstances(
  input: { templateId?: string; miniAppId?: string; miniAppName?: string; pageNo?: number; pageSize?: number; full?: boolean } = {},
  client: AlipayClient = getAlipayClient(),
): Promise<InstantiatePage> {
  return client.call('alipay.open.mini.instantiate.query', instantiatePageSchema, {
    bizContent: {
      template_id: input.templateId || undefined,
      mini_app_id: input.miniAppId || undefined,
      mini_app_name: input.miniAppName || undefined,
      page_no: input.pageNo,
      page_size: input.pageSize,
      query_full: input.full === undefined ? undefined : String(input.full),
    },
  });
}

/**
 * Every instance, page after page, until a short page, `total_items` or `maxPages`. Rows are keyed by mini-program:
 * a list that shifts while it is read (a new instance goes to the top) repeats a row rather than losing one.
 */
export async function queryAllInstances(
  input: { templateId?: string; full?: boolean; maxPages?: number } = {},
  client: AlipayClient = getAlipayClient(),
): Promise<{ instances: TemplateInstance[]; complete: boolean }> {
  const byApp = new Map<string, TemplateInstance>();
  const maxPages = input.maxPages ?? 400;
  for (let pageNo = 1; pageNo <= maxPages; pageNo++) {
    const page = await queryInstances({ templateId: input.templateId, full: input.full, pageNo, pageSize: INSTANTIATE_MAX_PAGE_SIZE }, client);
    for (const i of page.instantiateList) if (!byApp.has(i.miniAppId)) byApp.set(i.miniAppId, i);
    const size = page.pageSize ?? INSTANTIATE_MAX_PAGE_SIZE;
    const done = page.instantiateList.length < size || (page.totalItems !== undefined && pageNo * size >= page.totalItems);
    if (done) return { instances: [...byApp.values()], complete: true };
  }
  return { instances: [...byApp.values()], complete: false };
}
