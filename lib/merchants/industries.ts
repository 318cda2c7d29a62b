// Industry codes and the Chinese labels the CSV import also accepts (the catalog holds the display text).
import { INDUSTRIES, type Industry } from './vocabulary';
import enMerchants from '@/messages/en/merchants.json';
import zhMerchants from '@/messages/zh-CN/merchants.json';

const zh = zhMerchants.merchants.industries as Record<Industry, string>;
const en = enMerchants.merchants.industries as Record<Industry, string>;

/** `catering`, `餐饮` or `Catering` → `catering`; undefined when unknown. */
export function parseIndustry(text: string): Industry | undefined {
  const v = text.trim().toLowerCase();
  if (!v) return undefined;
  return INDUSTRIES.find((code) => code === v || zh[code] === text.trim() || en[code].toLowerCase() === v);
}

export const industryLabel = (code: Industry) => zh[code];
