// The converter the lead runs after merging branches that still add keys in the old catalogue format.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLegacy } from '@/scripts/i18n-import-legacy';

const DEFINE_AREA = `export function defineArea<T>(area: T) { return area; }\n`;

function fixture() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'i18n-legacy-'));
  const legacy = path.join(dir, 'legacy');
  const messages = path.join(dir, 'messages');
  fs.mkdirSync(legacy);
  for (const l of ['zh-CN', 'en']) fs.mkdirSync(path.join(messages, l), { recursive: true });
  fs.writeFileSync(path.join(legacy, 'define-area.ts'), DEFINE_AREA);
  fs.writeFileSync(path.join(legacy, 'index.ts'), `import plans from './plans';\nexport const AREAS = [plans];\n`);
  // A new area written by another branch, in the old format.
  fs.writeFileSync(
    path.join(legacy, 'plans.ts'),
    `import { defineArea } from './define-area';
export default defineArea({
  'zh-CN': { plans: { title: '发布计划', count: '共 {n} 个', ext: '可用 {{merchant.name}}', quote: "商家's 计划" } },
  en: { plans: { title: 'Release plans', count: '{n} plans', ext: 'Use {{merchant.name}}', quote: "merchant's plan" } },
});
`,
  );
  // An existing area that another branch extended: one key added, one text edited.
  fs.writeFileSync(
    path.join(legacy, 'merchants.ts'),
    `import { defineArea } from './define-area';
export default defineArea({
  'zh-CN': { merchants: { title: '商家管理', total: '共 {total} 个商家', added: '新的' } },
  en: { merchants: { title: 'Merchants', total: '{total} merchants', added: 'New' } },
});
`,
  );
  const write = (l: string, area: string, v: unknown) => fs.writeFileSync(path.join(messages, l, `${area}.json`), JSON.stringify(v));
  write('zh-CN', 'merchants', { merchants: { title: '商家', total: '共 {total} 个商家' } });
  write('en', 'merchants', { merchants: { title: 'Merchants', total: '{total, plural, one {# merchant} other {# merchants}}' } });
  return { legacy, messages };
}

const read = (dir: string, l: string, area: string) => JSON.parse(fs.readFileSync(path.join(dir, l, `${area}.json`), 'utf8'));

describe('i18n:import-legacy', () => {
  it('turns a new legacy area into per-locale ICU JSON, registers it and deletes the legacy files', async () => {
    const { legacy, messages } = fixture();
    const lines: string[] = [];
    const { areas, converted } = await importLegacy(legacy, messages, (l) => lines.push(l));
    expect(converted.sort()).toEqual(['merchants.ts', 'plans.ts']);
    expect(areas).toEqual(['merchants', 'plans']);
    expect(read(messages, 'zh-CN', 'plans')).toEqual({ plans: { title: '发布计划', count: '共 {n} 个', ext: "可用 '{{merchant.name}}'", quote: "商家''s 计划" } });
    expect(read(messages, 'en', 'plans').plans.ext).toBe("Use '{{merchant.name}}'");
    expect(fs.existsSync(path.join(legacy, 'plans.ts'))).toBe(false);
    expect(fs.existsSync(path.join(legacy, 'index.ts'))).toBe(false);
    expect(fs.existsSync(path.join(legacy, 'define-area.ts'))).toBe(true);
    const index = fs.readFileSync(path.join(messages, 'index.ts'), 'utf8');
    expect(index).toContain("import zhPlans from './zh-CN/plans.json';");
    expect(index).toContain("export const AREAS = ['merchants', 'plans'] as const;");
  });

  it('merges into an existing area: adds keys, takes edited texts, keeps a hand-made plural and says so', async () => {
    const { legacy, messages } = fixture();
    const lines: string[] = [];
    await importLegacy(legacy, messages, (l) => lines.push(l));
    expect(read(messages, 'zh-CN', 'merchants')).toEqual({ merchants: { title: '商家管理', total: '共 {total} 个商家', added: '新的' } });
    expect(read(messages, 'en', 'merchants').merchants.total).toBe('{total, plural, one {# merchant} other {# merchants}}');
    expect(read(messages, 'en', 'merchants').merchants.added).toBe('New');
    expect(lines.join('\n')).toContain('kept the ICU message of merchants.total');
  });

  it('does nothing but regenerate the index when no legacy file is left', async () => {
    const { legacy, messages } = fixture();
    await importLegacy(legacy, messages, () => {});
    const before = fs.readFileSync(path.join(messages, 'zh-CN', 'plans.json'), 'utf8');
    const again = await importLegacy(legacy, messages, () => {});
    expect(again.converted).toEqual([]);
    expect(fs.readFileSync(path.join(messages, 'zh-CN', 'plans.json'), 'utf8')).toBe(before);
  });
});
