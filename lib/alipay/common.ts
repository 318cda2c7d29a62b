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

/** A value from a known set, or any other the platform sends (kept raw, contract §8). */
export type KnownOr<T extends string> = T | (string & {});

/**
 * An enum field read tolerantly (§8): a known value keeps its literal type, an unknown one is kept raw, so the row
 * survives and only what depends on the value is withheld.
 */
export function openEnum<const T extends readonly string[]>(_known: T) {
  return text as unknown as z.ZodType<KnownOr<T[number]>, string | number>;
}
export function optionalOpenEnum<const T extends readonly string[]>(known: T) {
  return absentToUndefined(openEnum(known));
}

/** Whether `value` is one of the known values (narrows an open enum back to its literal type). */
export function isKnown<T extends string>(known: readonly T[], value: string | null | undefined): value is T {
  return value !== null && value !== undefined && (known as readonly string[]).includes(value);
}

export function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
}

