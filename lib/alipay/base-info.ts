// A merchant mini-program's base information (name, logo, slogan, categories, service contacts) and the category tree.
import 'server-only';
import { z } from 'zod';
import { getAlipayClient, type AlipayClient, type UploadFile } from './client';
import { list, merchantRequest, optionalFlag, optionalOpenEnum, optionalText, text, type ImageFile, type MerchantScope } from './common';

const baseInfoSchema = z.object({
  appName: optionalText,
  appEnglishName: optionalText,
  appSlogan: optionalText,
  /** An image URL. */
  appLogo: optionalText,
  appDesc: optionalText,
  servicePhone: optionalText,
  serviceEmail: optionalText,
  /** `first_second[_third];…` names; the ids are not returned, the console keeps them. */
  categoryNames: optionalText,
  safeDomains: list(text),
  packageNames: list(text),
  /** Online as a restricted release (受限发布) for want of ICP filing (§4 ICP gate); absent = unknown. */
  registrationLimitRelease: optionalFlag,
});
export type BaseInfo = z.output<typeof baseInfoSchema>;

export function queryBaseInfo(input: MerchantScope, client: AlipayClient = getAlipayClient()): Promise<BaseInfo> {
  return client.call('alipay.open.mini.baseinfo.query', baseInfoSchema, merchantRequest(input));
}

export interface ModifyBaseInfoInput extends MerchantScope {
  appName?: string;
  appEnglishName?: string;
  appSlogan?: string;
  appDesc?: string;
  /** 1–4 category ids from mini_category_list, each `first_second` or `first_second_third` (root to leaf). */
  miniCategoryIds?: readonly string[];
  servicePhone?: string;
  serviceEmail?: string;
  /** Square png/jpg, at most 2 MB. */
  appLogo?: ImageFile;
}

import { MODIFY_STATUSES } from './vocabulary';

export { MODIFY_STATUSES };

const modifySchema = z.object({
  /**
   * EFFECTIVE when applied at once; AUDITING when an online mini-program's change waits for the platform's review.
   * Undocumented values (§4 Base info): any other is kept raw, the change still succeeded.
   */
  modifyStatus: optionalOpenEnum(MODIFY_STATUSES),
});
export type ModifyBaseInfoResult = z.output<typeof modifySchema>;

/** Changes only the fields given; its parameters are top-level (multipart when a logo is sent). */
export function modifyBaseInfo(input: ModifyBaseInfoInput, client: AlipayClient = getAlipayClient()): Promise<ModifyBaseInfoResult> {
  const files: UploadFile[] = input.appLogo ? [{ field: 'app_logo', ...input.appLogo }] : [];
  return client.call('alipay.open.mini.baseinfo.modify', modifySchema, {
    appAuthToken: input.appAuthToken,
    fields: {
      bundle_id: input.bundleId,
      app_name: input.appName,
      app_english_name: input.appEnglishName,
      app_slogan: input.appSlogan,
      app_desc: input.appDesc,
      mini_category_ids: input.miniCategoryIds?.join(';'),
      service_phone: input.servicePhone,
      service_email: input.serviceEmail,
    },
    files,
  });
}

const categorySchema = z.object({
  categoryId: text,
  categoryName: text,
  parentCategoryId: optionalText,
  hasChild: optionalFlag,
  needLicense: optionalFlag,
  needOutDoorPic: optionalFlag,
  needSpecialLicense: optionalFlag,
});
export type MiniCategory = z.output<typeof categorySchema>;

const categoryListSchema = z.object({ miniCategoryList: list(categorySchema) }).transform((r) => r.miniCategoryList);

/** The category tree as a flat list (children point at parentCategoryId). A merchant token is optional here. */
export function queryCategories(
  input: Partial<MerchantScope> & { isFilter?: boolean } = {},
  client: AlipayClient = getAlipayClient(),
): Promise<MiniCategory[]> {
  return client.call('alipay.open.mini.category.query', categoryListSchema, {
    appAuthToken: input.appAuthToken,
    bizContent: { is_filter: input.isFilter, bundle_id: input.bundleId },
  });
}

const requirementSchema = z.object({
  categoryCode: text,
  categoryName: optionalText,
  /** The platform's own requirement text. */
  categoryRequirements: optionalText,
  businessLicenceRequired: optionalFlag,
  doorPhotoRequired: optionalFlag,
  specialLicenceRequired: optionalFlag,
});
export type CategoryRequirement = z.output<typeof requirementSchema>;

const requirementListSchema = z.object({ categoryRequireInfoList: list(requirementSchema) }).transform((r) => r.categoryRequireInfoList);

/** At most 5 codes per call (category.require.query, §4). */
export const REQUIREMENT_CODES_PER_CALL = 5;

/**
 * Which qualifications each category needs (licence, door photo, special licence), for category codes written as
 * in mini_category_ids (`first_second[_third]`). A merchant token is optional here.
 */
export function queryCategoryRequirements(
  input: Partial<MerchantScope> & { categoryCodes: readonly string[] },
  client: AlipayClient = getAlipayClient(),
): Promise<CategoryRequirement[]> {
  if (input.categoryCodes.length > REQUIREMENT_CODES_PER_CALL) throw new RangeError(`at most ${REQUIREMENT_CODES_PER_CALL} category codes per call`);
  return client.call('alipay.open.mini.category.require.query', requirementListSchema, {
    appAuthToken: input.appAuthToken,
    bizContent: { category_code_list: input.categoryCodes, bundle_id: input.bundleId },
  });
}

const noFields = z.object({});

/** Adds one server domain to the mini-program's whitelist; it applies to versions uploaded afterwards (§4 Domains). */
export async function createSafeDomain(input: MerchantScope & { safeDomain: string }, client: AlipayClient = getAlipayClient()): Promise<void> {
  await client.call('alipay.open.mini.safedomain.create', noFields, merchantRequest(input, { safe_domain: input.safeDomain }));
}

export async function deleteSafeDomain(input: MerchantScope & { safeDomain: string }, client: AlipayClient = getAlipayClient()): Promise<void> {
  await client.call('alipay.open.mini.safedomain.delete', noFields, merchantRequest(input, { safe_domain: input.safeDomain }));
}
