import { describe, expect, test } from 'vitest';
import { addTemplateVersionSchema, extTemplateSchema, merchantExtSchema, registerTemplateSchema } from './templates';

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => [i.path.join('.'), i.message]);

describe('templates schemas', () => {
  test('a template id is digits, a version x.y.z', () => {
    expect(messages(registerTemplateSchema.safeParse({ templateId: '20210041a', name: '花店' }))).toEqual([['templateId', 'templates.validation.templateId']]);
    expect(messages(addTemplateVersionSchema.safeParse({ templateId: '1', version: '1.2', onShelf: true, note: '' }))).toEqual([['version', 'templates.validation.version']]);
    expect(addTemplateVersionSchema.parse({ templateId: ' 1 ', version: ' 1.2.0 ', onShelf: false, note: '' })).toMatchObject({ templateId: '1', version: '1.2.0' });
  });

  test('the ext config: invalid JSON, not an object, an unknown variable', () => {
    const check = (extTemplate: string) => messages(extTemplateSchema.safeParse({ templateId: '1', extTemplate }));
    expect(check('{"a":')).toEqual([['extTemplate', 'templates.validation.invalidJson']]);
    expect(check('[1]')).toEqual([['extTemplate', 'templates.validation.notObject']]);
    expect(check('{"a":"{{shop.name}}"}')).toEqual([['extTemplate', 'templates.validation.unknownVariable']]);
    expect(check('{"a":"{{merchant.name}} {{custom.slogan}}"}')).toEqual([]);
  });

  test('an override is empty or a JSON object', () => {
    const check = (override: string) => messages(merchantExtSchema.safeParse({ templateId: '1', merchantAppId: 3, custom: {}, override }));
    expect(check('')).toEqual([]);
    expect(check('{"theme":"dark"}')).toEqual([]);
    expect(check('"dark"')).toEqual([['override', 'templates.validation.overrideNotObject']]);
    expect(check('{oops')).toEqual([['override', 'templates.validation.overrideNotObject']]);
  });
});
