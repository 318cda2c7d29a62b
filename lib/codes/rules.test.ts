import { describe, expect, it } from 'vitest';
import { findOverlap, isRouteUrl, matchRoute, rulesOverlap } from './rules';

const rule = (routeUrl: string, mode: string, page = 'pages/index/index') => ({ routeUrl, mode, pageRedirection: page });

describe('rule overlap (refused before sending)', () => {
  it('refuses an identical rule of the same mode, ignoring the case of scheme and host', () => {
    expect(rulesOverlap(rule('https://Shop.Example.com/t/1', 'EXACT'), rule('HTTPS://shop.example.com/t/1', 'EXACT'))).toBe(true);
    // The path is compared as typed.
    expect(rulesOverlap(rule('https://shop.example.com/T/1', 'EXACT'), rule('https://shop.example.com/t/1', 'EXACT'))).toBe(false);
  });

  it('refuses prefix rules that cover one another, in either direction', () => {
    expect(rulesOverlap(rule('https://shop.example.com/q/', 'FUZZY'), rule('https://shop.example.com/q/table', 'FUZZY'))).toBe(true);
    expect(rulesOverlap(rule('https://shop.example.com/q/table', 'FUZZY'), rule('https://shop.example.com/q/', 'FUZZY'))).toBe(true);
    expect(rulesOverlap(rule('https://shop.example.com/a/', 'FUZZY'), rule('https://shop.example.com/b/', 'FUZZY'))).toBe(false);
  });

  it('lets exact rules sit inside a prefix rule, and exact rules never overlap by prefix', () => {
    expect(rulesOverlap(rule('https://shop.example.com/q/8', 'EXACT'), rule('https://shop.example.com/q/', 'FUZZY'))).toBe(false);
    expect(rulesOverlap(rule('https://shop.example.com/q', 'EXACT'), rule('https://shop.example.com/q/8', 'EXACT'))).toBe(false);
  });

  it('names the rule it overlaps', () => {
    const existing = [rule('https://a.example.com/x', 'EXACT'), rule('https://a.example.com/shop/', 'FUZZY')];
    expect(findOverlap(rule('https://a.example.com/shop/12', 'FUZZY'), existing)).toBe(existing[1]);
    expect(findOverlap(rule('https://a.example.com/y', 'EXACT'), existing)).toBeUndefined();
  });
});

describe('which rule a scanned URL opens', () => {
  const rules = [
    rule('https://shop.example.com/', 'FUZZY', 'pages/home/home'),
    rule('https://shop.example.com/table/', 'FUZZY', 'pages/table/table'),
    rule('https://shop.example.com/table/8', 'EXACT', 'pages/vip/vip'),
    rule('https://shop.example.com/item/{0}/detail', 'PATTERN', 'pages/item/item'),
    rule('https://shop.example.com/odd', 'SOMETHING_NEW', 'pages/odd/odd'),
  ];

  it('prefers an exact rule, then a pattern, then the longest prefix', () => {
    expect(matchRoute('https://shop.example.com/table/8', rules)).toMatchObject({ kind: 'EXACT', rule: { pageRedirection: 'pages/vip/vip' } });
    expect(matchRoute('https://shop.example.com/item/42/detail', rules)).toMatchObject({ kind: 'PATTERN', rule: { pageRedirection: 'pages/item/item' } });
    expect(matchRoute('https://shop.example.com/table/9', rules)).toMatchObject({ kind: 'FUZZY', rule: { pageRedirection: 'pages/table/table' } });
    expect(matchRoute('https://SHOP.example.com/about', rules)).toMatchObject({ kind: 'FUZZY', rule: { pageRedirection: 'pages/home/home' } });
  });

  it('matches a pattern part to one path segment only', () => {
    expect(matchRoute('https://shop.example.com/item/4/2/detail', rules)?.kind).toBe('FUZZY');
  });

  it('finds nothing for another host, and never guesses for a mode it does not know', () => {
    expect(matchRoute('https://other.example.com/table/8', rules)).toBeNull();
    expect(matchRoute('https://shop.example.com/odd', rules)?.rule.mode).toBe('FUZZY');
    expect(matchRoute('https://x.example.com/odd', [rule('https://x.example.com/odd', 'SOMETHING_NEW')])).toBeNull();
  });
});

describe('QR URLs the platform accepts', () => {
  it.each([
    ['https://shop.example.com/t/1', true],
    ['http://shop.example.com', true],
    ['ftp://files.example.com/a', true],
    ['shop.example.com/t/1', false],
    ['https://shop.example.com/a b', false],
    ['mailto:a@example.com', false],
  ])('%s → %s', (url, ok) => expect(isRouteUrl(url)).toBe(ok));
});
