// The ISV's own template calls (no merchant token).
import 'server-only';
import { z } from 'zod';
import { getAlipayClient, type AlipayClient } from './client';
import { list, text } from './common';

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
