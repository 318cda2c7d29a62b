import { describe, expect, test } from 'vitest';
import { extTemplateSchema, merchantExtSchema, versionNoteSchema } from './templates';

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => [i.path.join('.'), i.message]);

describe('templates schemas', () => {
  test('a note names a template by digits and a version x.y.z, and is at most 200 characters', () => {
    expect(messages(versionNoteSchema.safeParse({ templateId: '20210041a', version: '1.2.0', note: '' }))).toEqual([['templateId', 'templates.validation.templateId']]);
    expect(messages(versionNoteSchema.safeParse({ templateId: '1', version: '1.2', note: '' }))).toEqual([['version', 'templates.validation.version']]);
    expect(messages(versionNoteSchema.safeParse({ templateId: '1', version: '1.2.0', note: 'x'.repeat(201) }))).toEqual([['note', 'validation.tooLong']]);
    expect(versionNoteSchema.parse({ templateId: ' 1 ', version: ' 1.2.0 ', note: ' 灰度中 ' })).toEqual({ templateId: '1', version: '1.2.0', note: '灰度中' });
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
