// Shared input shapes and lenient response field parsers: the platform sends numbers and booleans sometimes as
// strings, and nulls for absent fields, so each parser accepts those and yields one clean type.
import { z } from 'zod';
import type { AlipayRequest } from './client';

export const BUNDLE_IDS = [
  'com.alipay.alipaywallet',
  'com.alibaba.android.rimet',
  'com.amap.app',
  'com.alibaba.ailabs.genie.webapps',
  'com.alipay.iot.xpaas',
] as const;
export type BundleId = (typeof BUNDLE_IDS)[number];

/** A call made on a merchant's behalf. */
export interface MerchantScope {
  appAuthToken: string;
  /** The client; the platform defaults to com.alipay.alipaywallet. */
  bundleId?: BundleId;
}

export interface ImageFile {
  fileName: string;
  content: Buffer;
}

export function merchantRequest(scope: MerchantScope, bizContent: Record<string, unknown> = {}): AlipayRequest {
  return { appAuthToken: scope.appAuthToken, bizContent: { ...bizContent, bundle_id: scope.bundleId } };
}

function absentToUndefined<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => v ?? undefined);
}

export const text = z.union([z.string(), z.number()]).transform(String);
export const optionalText = absentToUndefined(text);

export const integer = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);
export const optionalInteger = absentToUndefined(integer);

export const flag = z.union([z.boolean(), z.enum(['true', 'false', 'True', 'False', 'TRUE', 'FALSE']).transform((v) => v.toLowerCase() === 'true')]);
export const optionalFlag = absentToUndefined(flag);

export function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
}

