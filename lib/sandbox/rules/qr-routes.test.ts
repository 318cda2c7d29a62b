import { expect, test } from 'vitest';
import { findConflict, isHostVerified, parseRouteUrl, rulesConflict } from './qr-routes';

test('route URLs must be http, https or ftp with a host', () => {
  expect(parseRouteUrl('https://shop.example.com/qr/1')).not.toBeNull();
  expect(parseRouteUrl('ftp://files.example.com/a')).not.toBeNull();
  expect(parseRouteUrl('shop.example.com/qr')).toBeNull();
  expect(parseRouteUrl('mailto:a@b.com')).toBeNull();
  expect(parseRouteUrl('https:///path')).toBeNull();
  expect(parseRouteUrl('https://a b.com/')).toBeNull();
});

test('hosts under .invalid are not verified', () => {
  expect(isHostVerified(parseRouteUrl('https://shop.example.com/x')!)).toBe(true);
  expect(isHostVerified(parseRouteUrl('https://shop.invalid/x')!)).toBe(false);
  expect(isHostVerified(parseRouteUrl('https://a.b.INVALID/x')!)).toBe(false);
});

test('EXACT rules conflict only when identical (scheme and host case-insensitive)', () => {
  expect(rulesConflict({ routeUrl: 'https://a.com/x', mode: 'EXACT' }, { routeUrl: 'HTTPS://A.com/x', mode: 'EXACT' })).toBe(true);
  expect(rulesConflict({ routeUrl: 'https://a.com/x', mode: 'EXACT' }, { routeUrl: 'https://a.com/x/1', mode: 'EXACT' })).toBe(false);
  expect(rulesConflict({ routeUrl: 'https://a.com/X', mode: 'EXACT' }, { routeUrl: 'https://a.com/x', mode: 'EXACT' })).toBe(false);
});

test('FUZZY rules conflict when one prefix covers the other', () => {
  expect(rulesConflict({ routeUrl: 'https://a.com/shop', mode: 'FUZZY' }, { routeUrl: 'https://a.com/shop/1', mode: 'FUZZY' })).toBe(true);
  expect(rulesConflict({ routeUrl: 'https://a.com/shop/1', mode: 'FUZZY' }, { routeUrl: 'https://a.com/shop', mode: 'FUZZY' })).toBe(true);
  expect(rulesConflict({ routeUrl: 'https://a.com/shop', mode: 'FUZZY' }, { routeUrl: 'https://a.com/menu', mode: 'FUZZY' })).toBe(false);
});

test('rules of different modes never conflict', () => {
  expect(rulesConflict({ routeUrl: 'https://a.com/shop', mode: 'FUZZY' }, { routeUrl: 'https://a.com/shop', mode: 'EXACT' })).toBe(false);
  const existing = [
    { routeUrl: 'https://a.com/shop', mode: 'EXACT' as const, id: 1 },
    { routeUrl: 'https://a.com/menu', mode: 'FUZZY' as const, id: 2 },
  ];
  expect(findConflict({ routeUrl: 'https://a.com/menu/today', mode: 'FUZZY' }, existing)?.id).toBe(2);
  expect(findConflict({ routeUrl: 'https://a.com/shop/today', mode: 'FUZZY' }, existing)).toBeUndefined();
});
