// Turning the old hand-made catalogue format (`lib/i18n/messages/<area>.ts`, both languages in one file,
// `{param}` interpolation) into next-intl's per-locale ICU messages. Used by scripts/i18n-import-legacy.ts.

export type MessageTree = { [key: string]: string | MessageTree };

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * ICU-escapes literal text: `'` doubles, and from the first `{ } < >` on, the rest is one quoted section (a quote
 * must open right before a special character, and inside it `''` is an apostrophe).
 */
export function escapeIcuLiteral(text: string): string {
  const i = text.search(/[{}<>]/);
  const dq = (s: string) => s.replace(/'/g, "''");
  return i < 0 ? dq(text) : `${dq(text.slice(0, i))}'${dq(text.slice(i))}'`;
}

/**
 * A legacy template (`{name}` placeholders, everything else literal, including `{{merchant.name}}`) as an ICU message
 * that formats to exactly the same text.
 */
export function legacyToIcu(template: string): string {
  let out = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    out += escapeIcuLiteral(template.slice(last, m.index)) + `{${m[1]}}`;
    last = m.index! + m[0].length;
  }
  return out + escapeIcuLiteral(template.slice(last));
}

export function convertTree(tree: MessageTree): MessageTree {
  const out: MessageTree = {};
  for (const [k, v] of Object.entries(tree)) out[k] = typeof v === 'string' ? legacyToIcu(v) : convertTree(v);
  return out;
}

/** An ICU message that goes beyond plain `{arg}` (plural, select, number or date formatting): hand-made, kept. */
export const isRichIcu = (message: string) => /\{\s*\w+\s*,\s*(plural|select|selectordinal|number|date|time)\b/.test(message);

export interface MergeReport {
  added: string[];
  changed: string[];
  /** Legacy text differs from a hand-made ICU message: the ICU one is kept, a person should look. */
  kept: string[];
}

/**
 * Merges converted legacy messages into an area's existing JSON: new keys are added, a changed plain text replaces
 * the old one (the legacy file is the newer edit), a hand-made plural/select message is kept and reported.
 */
export function mergeTree(target: MessageTree, incoming: MessageTree, report: MergeReport = { added: [], changed: [], kept: [] }, prefix = ''): MergeReport {
  for (const [k, v] of Object.entries(incoming)) {
    const path = prefix + k;
    const existing = target[k];
    if (existing === undefined) {
      target[k] = v;
      report.added.push(path);
    } else if (typeof v === 'string' || typeof existing === 'string') {
      if (existing === v) continue;
      if (typeof existing === 'string' && isRichIcu(existing)) report.kept.push(path);
      else {
        target[k] = v;
        report.changed.push(path);
      }
    } else mergeTree(existing, v, report, `${path}.`);
  }
  return report;
}

/** Flattens to dotted keys, for checks and tests. */
export function flatten(tree: MessageTree, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else flatten(v, `${prefix}${k}.`, out);
  }
  return out;
}
