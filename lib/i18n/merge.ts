// Deep merge of message trees: two areas may add keys under the same namespace.
type Tree = { [key: string]: unknown };

export function deepMerge<T>(...trees: object[]): T {
  const out: Tree = {};
  for (const tree of trees) merge(out, tree as Tree);
  return out as T;
}

function merge(target: Tree, source: Tree) {
  for (const [k, v] of Object.entries(source)) {
    const existing = target[k];
    if (v && typeof v === 'object' && existing && typeof existing === 'object') merge(existing as Tree, v as Tree);
    else target[k] = v && typeof v === 'object' ? merge({}, v as Tree) : v;
  }
  return target;
}
