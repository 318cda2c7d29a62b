import { expect, test } from 'vitest';
import { signContent } from './sign';
import { formatBeijing, parseBeijing } from './time';

test('sign content: sorted keys, raw values, sign and empty values left out', () => {
  const content = signContent({ method: 'a.b', app_id: '2021', sign: 'xyz', biz_content: '{"a":"x y&z"}', empty: '', sign_type: 'RSA2' });
  expect(content).toBe('app_id=2021&biz_content={"a":"x y&z"}&method=a.b&sign_type=RSA2');
});

test('notification sign content also leaves sign_type out', () => {
  expect(signContent({ b: '2', a: '1', sign_type: 'RSA2', sign: 's' }, ['sign', 'sign_type'])).toBe('a=1&b=2');
});

test('timestamps are Beijing time whatever the server zone', () => {
  const ms = Date.UTC(2024, 0, 31, 16, 5, 9);
  expect(formatBeijing(ms)).toBe('2024-02-01 00:05:09');
  expect(parseBeijing('2024-02-01 00:05:09')).toBe(ms);
  expect(parseBeijing('2024-02-01T00:05:09')).toBeNull();
  expect(parseBeijing('2024-13-01 00:05:09')).toBeNull();
});
