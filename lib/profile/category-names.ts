// The category tree as the forms use it (cascader options) and its id ↔ name paths; pure, safe in the browser.

export interface CategoryNode {
  value: string;
  label: string;
  /** The qualifications the platform asks for in this category (category.query's flags, §4). */
  needLicense?: boolean;
  needOutDoorPic?: boolean;
  needSpecialLicense?: boolean;
  children?: CategoryNode[];
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

