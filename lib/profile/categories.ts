// The mini-program category tree from category.query, shaped for a cascader and cached briefly per process.
import { LRUCache } from 'lru-cache';
import type { AlipayClient } from '@/lib/alipay/client';
import { queryCategories, queryCategoryRequirements, REQUIREMENT_CODES_PER_CALL, type MiniCategory } from '@/lib/alipay/base-info';
import type { QualificationNeed } from '@/lib/pre-audit/acceptance';
import type { CategoryNode } from './category-names';

export { categoryIdsFromNames, categoryNames, categoryPath, type CategoryNode } from './category-names';

/** The three-level tree from mini_category_list (the legacy two-level category_list is ignored, §4). */
export function buildCategoryTree(list: MiniCategory[]): CategoryNode[] {
  const isRoot = (c: MiniCategory) => !c.parentCategoryId || c.parentCategoryId === '0';
  const seen = new Set<string>();
  const node = (c: MiniCategory): CategoryNode => {
    seen.add(c.categoryId);
    // A cycle or a repeated id in a malformed answer ends the branch instead of recursing forever.
    const children = list.filter((x) => x.parentCategoryId === c.categoryId && !seen.has(x.categoryId)).map(node);
    return {
      value: c.categoryId,
      label: c.categoryName,
      needLicense: c.needLicense ?? false,
      needOutDoorPic: c.needOutDoorPic ?? false,
      needSpecialLicense: c.needSpecialLicense ?? false,
      ...(children.length ? { children } : {}),
    };
  };
  return list.filter(isRoot).map(node);
}

// The platform's category list changes rarely: one copy per process, read again after ten minutes.
const TTL_MS = 10 * 60_000;
const treeCache = new LRUCache<'tree', CategoryNode[]>({ max: 1, ttl: TTL_MS });

export async function getCategoryTree(client?: AlipayClient): Promise<CategoryNode[]> {
  const cached = treeCache.get('tree');
  if (cached) return cached;
  const tree = buildCategoryTree(await queryCategories({}, client));
  treeCache.set('tree', tree);
  return tree;
}

const requirementCache = new LRUCache<string, QualificationNeed>({ max: 2_000, ttl: TTL_MS });

/**
 * What each category asks for, from category.require.query (at most 5 codes per call, §4), cached briefly per
 * process like the tree: a batch over many merchants in a few categories asks once per category.
 */
export async function getCategoryRequirements(codes: readonly string[], client?: AlipayClient): Promise<QualificationNeed[]> {
  const wanted = [...new Set(codes)];
  const missing = wanted.filter((c) => !requirementCache.has(c));
  for (let i = 0; i < missing.length; i += REQUIREMENT_CODES_PER_CALL) {
    const answer = await queryCategoryRequirements({ categoryCodes: missing.slice(i, i + REQUIREMENT_CODES_PER_CALL) }, client);
    for (const r of answer) {
      requirementCache.set(r.categoryCode, {
        code: r.categoryCode,
        name: r.categoryName ?? '',
        businessLicence: r.businessLicenceRequired ?? false,
        doorPhoto: r.doorPhotoRequired ?? false,
        specialLicence: r.specialLicenceRequired ?? false,
        text: r.categoryRequirements,
      });
    }
  }
  return wanted.flatMap((c) => {
    const need = requirementCache.get(c);
    return need ? [need] : [];
  });
}
