import { describe, expect, test } from 'vitest';
import { checkAppName, cjkLength, cjkLengthBetween, isValidLogonId, isValidServicePhone, parseCategoryIds } from './text-rules';

describe('cjkLength', () => {
  test('counts Chinese characters and full-width punctuation as two, the rest as one', () => {
    expect(cjkLength('abc')).toBe(3);
    expect(cjkLength('鲜花')).toBe(4);
    expect(cjkLength('花A1，')).toBe(2 + 1 + 1 + 2);
    expect(cjkLength('')).toBe(0);
  });

  test('bounds are inclusive', () => {
    // 15 Chinese characters = 30: the minimum of version_desc.
    expect(cjkLengthBetween('一'.repeat(15), 30, 500)).toBe(true);
    expect(cjkLengthBetween('一'.repeat(14) + 'a', 30, 500)).toBe(false);
    expect(cjkLengthBetween('一'.repeat(250), 30, 500)).toBe(true);
    expect(cjkLengthBetween('一'.repeat(250) + 'a', 30, 500)).toBe(false);
  });
});

describe('checkAppName', () => {
  test('accepts 3–20 characters of CJK, letters, digits and underscore, counting characters not CJK=2', () => {
    expect(checkAppName('花美花艺')).toBe('ok');
    expect(checkAppName('abc')).toBe('ok');
    expect(checkAppName('一二三四五六七八九十一二三四五六七八九十')).toBe('ok');
    expect(checkAppName('Shop_2024')).toBe('ok');
  });

  test('refuses other characters and lengths', () => {
    expect(checkAppName('花美 花艺')).toBe('INVALID_MINI_APP_NAME');
    expect(checkAppName('花美-花艺')).toBe('INVALID_MINI_APP_NAME');
    expect(checkAppName('花美！')).toBe('INVALID_MINI_APP_NAME');
    expect(checkAppName('ab')).toBe('INVALID_MINI_APP_NAME_LENGTH');
    expect(checkAppName('一二三四五六七八九十一二三四五六七八九十一')).toBe('INVALID_MINI_APP_NAME_LENGTH');
  });
});

test('service phone: 5–30 digits or dashes', () => {
  expect(isValidServicePhone('0571-88880001')).toBe(true);
  expect(isValidServicePhone('95188')).toBe(true);
  expect(isValidServicePhone('9518')).toBe(false);
  expect(isValidServicePhone('0571 8888')).toBe(false);
  expect(isValidServicePhone('1'.repeat(31))).toBe(false);
});

test('logon ids are e-mail addresses or mainland mobile numbers', () => {
  expect(isValidLogonId('a@b.com')).toBe(true);
  expect(isValidLogonId('13800000001')).toBe(true);
  expect(isValidLogonId('23800000001')).toBe(false);
  expect(isValidLogonId('someone')).toBe(false);
});

test('category ids parse as first_second pairs', () => {
  expect(parseCategoryIds('1001_100101;1002_100203')).toEqual([
    { first: '1001', second: '100101' },
    { first: '1002', second: '100203' },
  ]);
  expect(parseCategoryIds('1001')).toBeNull();
  expect(parseCategoryIds('1001_1_2')).toBeNull();
  expect(parseCategoryIds('')).toEqual([]);
});
