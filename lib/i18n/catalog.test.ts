import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/messages';
import { translatorFor } from './catalog';
import { createTranslator, translateMessage } from './core';
import { flatten, legacyToIcu } from './legacy';

describe('the catalogue', () => {
  const zh = flatten(MESSAGES['zh-CN']);
  const en = flatten(MESSAGES.en);

  it('has the same keys in both languages', () => {
    expect(Object.keys(en).filter((k) => !(k in zh))).toEqual([]);
    expect(Object.keys(zh).filter((k) => !(k in en))).toEqual([]);
  });

  it('holds only valid ICU messages; English uses no argument the Chinese text is not given', () => {
    const args = (m: string) => {
      const names = new Set<string>();
      const walk = (els: ReturnType<typeof parse>) => {
        for (const el of els as unknown as { type: number; value?: string; options?: Record<string, { value: ReturnType<typeof parse> }> }[]) {
          if (el.type !== 0 && el.type !== 7 && el.value) names.add(el.value);
          for (const o of Object.values(el.options ?? {})) walk(o.value);
        }
      };
      walk(parse(m));
      return [...names].sort();
    };
    const bad: string[] = [];
    for (const [key, message] of Object.entries(zh)) {
      try {
        const extra = args(en[key]).filter((a) => !args(message).includes(a));
        if (extra.length) bad.push(`${key}: English also uses ${extra.join(', ')}`);
      } catch (e) {
        bad.push(`${key}: ${(e as Error).message}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('plurals in English, none needed in Chinese', () => {
    const t = translatorFor('en');
    expect(t('merchants.total', { total: 1 })).toBe('1 merchant');
    expect(t('merchants.total', { total: 1200 })).toBe('1,200 merchants');
    expect(translatorFor('zh-CN')('merchants.total', { total: 3 })).toContain('3');
  });

  it('keeps literal braces, quotes and angle brackets of the old texts', () => {
    const t = translatorFor('zh-CN');
    expect(t('templates.validation.unknownVariable', { variable: 'custom.x' })).toBe('未知变量 {{custom.x}}');
    expect(translatorFor('en')('versions.validation.extNotObject')).toBe('The ext config must be a JSON object, e.g. {"shopId": "123"}');
  });

  it('shows an unknown key as itself and plain text as it is, never throws', () => {
    const t = translatorFor('en');
    expect(translateMessage(t, '平台返回：版本号已存在')).toBe('平台返回：版本号已存在');
    expect(translateMessage(t, 'errors.unexpected')).toBe(t('errors.unexpected'));
    expect(t('no.such.key' as string)).toBe('no.such.key');
    // Too few parameters: the message's own text rather than a crash.
    expect(t('common.total')).toContain('total');
  });
});

describe('legacyToIcu', () => {
  const roundTrip = (legacy: string, params: Record<string, string> = {}) =>
    createTranslator({ m: legacyToIcu(legacy) } as never, 'en')('m' as never, params);
  it('formats to exactly the old text', () => {
    expect(roundTrip('用 {{merchant.name}} 和 {name}', { name: '花美' })).toBe('用 {{merchant.name}} 和 花美');
    expect(roundTrip("It's {n} o'clock <b>", { n: '5' })).toBe("It's 5 o'clock <b>");
    expect(roundTrip('未知变量 {{{variable}}}', { variable: 'x' })).toBe('未知变量 {{x}}');
    expect(roundTrip("'{'}", {})).toBe("'{'}");
    expect(roundTrip('a > b # c', {})).toBe('a > b # c');
  });
});
