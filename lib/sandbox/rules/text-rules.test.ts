import { describe, expect, test } from 'vitest';
import { checkAppName, cjkLength, cjkLengthBetween, isValidLogonId, isValidServicePhone, parseCategoryIds, checkEnglishNameText } from './text-rules';

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
  test('audit.apply: 3–40 with CJK=2; CJK, letters, digits, _, + and - (§4 rev 2)', () => {
    expect(checkAppName('花美花艺', 'audit')).toBe('ok');
    expect(checkAppName('abc', 'audit')).toBe('ok');
    expect(checkAppName('花美-花艺+Shop_2024', 'audit')).toBe('ok');
    expect(checkAppName('一二三四五六七八九十一二三四五六七八九十', 'audit')).toBe('ok'); // 20 CJK = 40
    expect(checkAppName('一二三四五六七八九十一二三四五六七八九十一', 'audit')).toBe('INVALID_MINI_APP_NAME_LENGTH');
    expect(checkAppName('花', 'audit')).toBe('INVALID_MINI_APP_NAME_LENGTH'); // 1 CJK = 2
    expect(checkAppName('花美', 'audit')).toBe('ok'); // 2 CJK = 4
  });

  test('baseinfo.modify: 3–30 characters, each counting one', () => {
    expect(checkAppName('花美', 'modify')).toBe('INVALID_MINI_APP_NAME_LENGTH');
    expect(checkAppName('一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十', 'modify')).toBe('ok');
    expect(checkAppName('一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一', 'modify')).toBe('INVALID_MINI_APP_NAME_LENGTH');
  });

  test('refuses other characters', () => {
    expect(checkAppName('花美 花艺', 'audit')).toBe('INVALID_MINI_APP_NAME');
    expect(checkAppName('花美！', 'audit')).toBe('INVALID_MINI_APP_NAME');
    expect(checkAppName('ab', 'modify')).toBe('INVALID_MINI_APP_NAME_LENGTH');
  });

  test('English name: letters and digits only, no spaces, 3–30', () => {
    expect(checkEnglishNameText('FlowerShop2')).toBe('ok');
    expect(checkEnglishNameText('Flower Shop')).toBe('INVALID_MINI_APP_EN_NAME');
    expect(checkEnglishNameText('ab')).toBe('INVALID_MINI_APP_EN_NAME_LENGTH');
    expect(checkEnglishNameText('a'.repeat(31))).toBe('INVALID_MINI_APP_EN_NAME_LENGTH');
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

test('category ids parse as id paths of two or three levels', () => {
  expect(parseCategoryIds('1001_100101;1001_100103_10010301')).toEqual([
    ['1001', '100101'],
    ['1001', '100103', '10010301'],
  ]);
  expect(parseCategoryIds('1001')).toBeNull();
  expect(parseCategoryIds('1001_1_2_3')).toBeNull();
  expect(parseCategoryIds('')).toEqual([]);
});
