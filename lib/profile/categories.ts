// The mini-program category tree from category.query, shaped for a cascader and cached briefly per process.
import type { AlipayClient } from '@/lib/alipay/client';
import { queryCategories, type MiniCategory } from '@/lib/alipay/base-info';

export interface CategoryNode {
  value: string;
  label: string;
  needLicense?: boolean;
  children?: CategoryNode[];
}

export function buildCategoryTree(list: MiniCategory[]): CategoryNode[] {
  const isRoot = (c: MiniCategory) => !c.parentCategoryId || c.parentCategoryId === '0';
  return list.filter(isRoot).map((first) => ({
    value: first.categoryId,
    label: first.categoryName,
    children: list
      .filter((c) => c.parentCategoryId === first.categoryId)
      .map((c) => ({ value: c.categoryId, label: c.categoryName, needLicense: c.needLicense ?? false })),
  }));
}

/** `first_second` ids → `一级_二级` names joined by `;` (ids left as they are when unknown). */
export function categoryNames(ids: readonly string[], tree: CategoryNode[]): string {
  return ids
    .map((id) => {
      const [a, b] = id.split('_');
      const first = tree.find((n) => n.value === a);
      const second = first?.children?.find((n) => n.value === b);
      return `${first?.label ?? a}_${second?.label ?? b}`;
    })
    .join(';');
}

/** `一级_二级;…` names (as baseinfo.query returns them) → ids, skipping names the tree does not know. */
export function categoryIdsFromNames(names: string | null | undefined, tree: CategoryNode[]): string[] {
  if (!names) return [];
  const ids: string[] = [];
  for (const pair of names.split(';')) {
    const [a, b] = pair.split('_');
    const first = tree.find((n) => n.label === a);
    const second = first?.children?.find((n) => n.label === b);
    if (first && second) ids.push(`${first.value}_${second.value}`);
  }
  return ids;
}

const TTL_MS = 10 * 60_000;
let cache: { at: number; tree: CategoryNode[] } | undefined;

export async function getCategoryTree(client?: AlipayClient, now: number = Date.now()): Promise<CategoryNode[]> {
  if (cache && now - cache.at < TTL_MS) return cache.tree;
  const tree = buildCategoryTree(await queryCategories({}, client));
  cache = { at: now, tree };
  return tree;
}
