// The sandbox's category tree (contract §4 "Base info": category.query, category.require.query): reading id paths
// such as `1001_100101` or `1001_100103_10010301` against it, for the methods and the reviewer.
import { asc } from 'drizzle-orm';
import type { SandboxContext } from './context';
import { categories, type Category } from './db/schema';
import type { CategoryFacts, CategoryLookup, CategoryPathMode } from './rules/app-info';
import { parseCategoryIds } from './rules/text-rules';

export function allCategories(ctx: SandboxContext): Category[] {
  return ctx.db.select().from(categories).orderBy(asc(categories.position), asc(categories.categoryId)).all();
}

/** The nodes of a root-first id path, or null when a node is missing or not the previous one's child. */
function nodesOf(all: readonly Category[], path: readonly string[]): Category[] | null {
  const nodes: Category[] = [];
  let parent: string | null = null;
  for (const id of path) {
    const node = all.find((c) => c.categoryId === id && (c.parentId ?? null) === parent);
    if (!node) return null;
    nodes.push(node);
    parent = node.categoryId;
  }
  return nodes;
}

export function pathFacts(all: readonly Category[], path: readonly string[], mode: CategoryPathMode): CategoryFacts | null {
  const nodes = nodesOf(all, path);
  if (!nodes || nodes.length < 2) return null;
  const last = nodes[nodes.length - 1];
  const hasChild = all.some((c) => c.parentId === last.categoryId);
  // mini_category_ids: root-to-leaf (sandbox rule); legacy app_category_ids: the first two levels of the tree.
  if (mode === 'leaf' && hasChild) return null;
  if (mode === 'legacy' && nodes.length !== 2) return null;
  return {
    code: path.join('_'),
    name: last.name,
    pathName: nodes.map((n) => n.name).join('_'),
    needLicense: last.needLicense,
    needOutDoorPic: last.needOutDoorPic,
    needSpecialLicense: last.needSpecialLicense,
  };
}

export function categoryLookup(ctx: SandboxContext): CategoryLookup {
  let all: Category[] | undefined;
  return (path, mode) => pathFacts((all ??= allCategories(ctx)), path, mode);
}

/** The categories a stored `a_b[_c];…` value names, as far as the tree still has them. */
export function storedCategoryFacts(ctx: SandboxContext, categoryIds: string | null | undefined): CategoryFacts[] {
  const paths = parseCategoryIds(categoryIds ?? '') ?? [];
  if (!paths.length) return [];
  const all = allCategories(ctx);
  return paths.map((p) => pathFacts(all, p, 'path')).filter((f): f is CategoryFacts => f !== null);
}

/** `一级_二级[_三级];…` names (baseinfo.query's category_names); ids kept where the tree lacks a node. */
export function categoryNames(ctx: SandboxContext, categoryIds: string | null | undefined): string | null {
  const paths = parseCategoryIds(categoryIds ?? '') ?? [];
  if (!paths.length) return null;
  const all = allCategories(ctx);
  const name = (id: string) => all.find((c) => c.categoryId === id)?.name ?? id;
  return paths.map((p) => p.map(name).join('_')).join(';');
}

/** category.require.query's requirement sentence (sandbox rule: names the documents the flags ask for). */
export function requirementText(f: Pick<CategoryFacts, 'needLicense' | 'needOutDoorPic' | 'needSpecialLicense' | 'pathName'>): string {
  const needs = [
    f.needLicense ? '营业执照（执照编号、名称、有效期及执照照片）' : null,
    f.needOutDoorPic ? '门头照' : null,
    f.needSpecialLicense ? '特殊行业许可证' : null,
  ].filter(Boolean);
  return needs.length ? `类目“${f.pathName}”需提供：${needs.join('、')}` : `类目“${f.pathName}”无需额外资质`;
}
