// The mini-program category tree from category.query, shaped for a cascader and cached briefly per process.
import type { AlipayClient } from '@/lib/alipay/client';
import { queryCategories, type MiniCategory } from '@/lib/alipay/base-info';

export interface CategoryNode {
  value: string;
  label: string;
  /** The qualifications the platform asks for in this category (category.query's flags, §4). */
  needLicense?: boolean;
  needOutDoorPic?: boolean;
  needSpecialLicense?: boolean;
  children?: CategoryNode[];
}

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

/** The nodes of an id path `first_second[_third]`, as far as the tree has them. */
export function categoryPath(id: string, tree: readonly CategoryNode[]): CategoryNode[] {
  const nodes: CategoryNode[] = [];
  let level: readonly CategoryNode[] | undefined = tree;
  for (const part of id.split('_')) {
    const n: CategoryNode | undefined = level?.find((c) => c.value === part);
    if (!n) break;
    nodes.push(n);
    level = n.children;
  }
  return nodes;
}

/** `first_second[_third]` ids → `一级_二级[_三级]` names joined by `;` (ids left as they are when unknown). */
export function categoryNames(ids: readonly string[], tree: CategoryNode[]): string {
  return ids
    .map((id) => {
      const parts = id.split('_');
      const nodes = categoryPath(id, tree);
      return parts.map((p, i) => nodes[i]?.label ?? p).join('_');
    })
    .join(';');
}

/** `一级_二级[_三级];…` names (as baseinfo.query returns them) → ids, skipping names the tree does not know. */
export function categoryIdsFromNames(names: string | null | undefined, tree: CategoryNode[]): string[] {
  if (!names) return [];
  const ids: string[] = [];
  for (const path of names.split(';')) {
    const labels = path.split('_');
    const found: string[] = [];
    let level: readonly CategoryNode[] | undefined = tree;
    for (const label of labels) {
      const n: CategoryNode | undefined = level?.find((c) => c.label === label);
      if (!n) break;
      found.push(n.value);
      level = n.children;
    }
    if (found.length === labels.length && found.length >= 2) ids.push(found.join('_'));
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
