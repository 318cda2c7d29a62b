// The drawer's "against what it runs now": a line diff of both ext configs pretty-printed with sorted keys, so key
// order and spacing never show up as changes. Pure; runs in the browser too.
import { diffLines } from 'diff';

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/** Two-space JSON with sorted keys; text that is not JSON is returned as it is. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)), null, 2);
  } catch {
    return text;
  }
}

/** Lines of `after` against `before` (null: nothing before, every line is added). */
export function lineDiff(before: string | null, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  for (const part of diffLines(before === null ? '' : prettyJson(before) + '\n', prettyJson(after) + '\n')) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    for (const line of part.value.replace(/\n$/, '').split('\n')) out.push({ kind, text: line });
  }
  return out;
}

export const hasChanges = (lines: readonly DiffLine[]) => lines.some((l) => l.kind !== 'same');
