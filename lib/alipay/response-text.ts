// The platform signs the exact text of the inner response object, so verification needs that text as sent,
// not a re-serialisation. This finds it by scanning the JSON (strings and escapes respected).

function endOfString(raw: string, quote: number): number {
  let i = quote + 1;
  while (i < raw.length && raw[i] !== '"') i += raw[i] === '\\' ? 2 : 1;
  return i + 1;
}

function endOfContainer(raw: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < raw.length) {
    const ch = raw[i];
    if (ch === '"') {
      i = endOfString(raw, i);
      continue;
    }
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return -1;
}

function skipSpace(raw: string, i: number): number {
  while (i < raw.length && /\s/.test(raw[i])) i++;
  return i;
}

/** The text of the object under `key` at the top level of `raw`, from its `{` to the matching `}`. */
export function extractObjectText(raw: string, key: string): string | undefined {
  let depth = 0;
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i];
    if (ch === '"') {
      const end = endOfString(raw, i);
      const colon = skipSpace(raw, end);
      if (depth === 1 && raw[colon] === ':' && raw.slice(i + 1, end - 1) === key) {
        const open = skipSpace(raw, colon + 1);
        if (raw[open] !== '{') return undefined;
        const close = endOfContainer(raw, open);
        return close === -1 ? undefined : raw.slice(open, close);
      }
      i = end;
      continue;
    }
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
    i++;
  }
  return undefined;
}
