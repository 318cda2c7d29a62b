import { describe, expect, test } from 'vitest';
import { customFieldsOf, parseExtTemplate, renderExt, type ParsedExtTemplate } from './ext-template';

const subject = {
  merchant: { name: '青禾"花店"', phone: '13800001111' },
  miniApp: { appId: '2021000000000001' },
};

function parsed(text: string): ParsedExtTemplate {
  const r = parseExtTemplate(text);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.template;
}

describe('parseExtTemplate', () => {
  test('refuses invalid JSON before any batch starts', () => {
    const r = parseExtTemplate('{"extEnable": true,');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('invalidJson');
  });

  test('refuses a JSON value that is not an object', () => {
    expect(parseExtTemplate('["a"]')).toEqual({ ok: false, error: { code: 'notObject' } });
  });

  test('refuses an unknown variable, naming it', () => {
    expect(parseExtTemplate('{"ext":{"shop":"{{merchant.nmae}}"}}')).toEqual({ ok: false, error: { code: 'unknownVariable', variable: 'merchant.nmae' } });
  });

  test('lists the variables used, custom fields included', () => {
    const t = parsed('{"a":"{{merchant.name}}","b":["{{ custom.shopCode }}"],"{{miniApp.appId}}":1}');
    expect(t.variables).toEqual(['custom.shopCode', 'merchant.name', 'miniApp.appId']);
    expect(customFieldsOf(t)).toEqual(['shopCode']);
  });
});

describe('renderExt', () => {
  test('substitutes inside string values and keeps the JSON valid whatever the merchant name holds', () => {
    const t = parsed('{"extEnable":true,"ext":{"title":"{{merchant.name}} 官方","tel":"{{merchant.phone}}","appId":"{{miniApp.appId}}","n":3}}');
    const r = renderExt(t, subject);
    expect(r.ok).toBe(true);
    expect(JSON.parse(r.ok ? r.ext : '')).toEqual({ extEnable: true, ext: { title: '青禾"花店" 官方', tel: '13800001111', appId: '2021000000000001', n: 3 } });
  });

  test('uses per-merchant custom fields and merges the override over the result', () => {
    const t = parsed('{"ext":{"code":"{{custom.shopCode}}","theme":{"color":"red","font":"a"}}}');
    const r = renderExt(t, { ...subject, custom: { shopCode: 'HZ-01' }, override: { ext: { theme: { color: 'blue' } }, extra: 1 } });
    expect(r.ok && JSON.parse(r.ext)).toEqual({ ext: { code: 'HZ-01', theme: { color: 'blue', font: 'a' } }, extra: 1 });
  });

  test('a merchant without a value for a variable is an error, not an empty string', () => {
    const t = parsed('{"code":"{{custom.shopCode}}","mail":"{{merchant.email}}"}');
    expect(renderExt(t, { ...subject, custom: { shopCode: 'X' } })).toEqual({ ok: false, error: { code: 'missingValue', variable: 'merchant.email' } });
    expect(renderExt(t, { ...subject, merchant: { ...subject.merchant, email: 'a@b.cn' } })).toEqual({ ok: false, error: { code: 'missingValue', variable: 'custom.shopCode' } });
  });
});
