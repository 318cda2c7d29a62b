import { describe, expect, it } from 'vitest';
import { extractObjectText } from './response-text';

describe('extractObjectText', () => {
  it('returns the inner object exactly as sent', () => {
    const inner = '{ "code":"10000", "msg":"Success","list":[{"a":1},{"b":"}"}] }';
    const raw = `{"alipay_open_mini_version_list_query_response":${inner},"sign":"abc"}`;
    expect(extractObjectText(raw, 'alipay_open_mini_version_list_query_response')).toBe(inner);
  });

  it('is not fooled by braces, quotes or the key inside strings', () => {
    const inner = '{"code":"40004","sub_msg":"含 \\"x_response\\": { 和 } 的说明"}';
    const raw = `{"x_response" : ${inner} , "sign":"s"}`;
    expect(extractObjectText(raw, 'x_response')).toBe(inner);
  });

  it('finds error_response and ignores nested keys of the same name', () => {
    const raw = '{"error_response":{"code":"40002","nested":{"x_response":{"code":"10000"}}}}';
    expect(extractObjectText(raw, 'error_response')).toBe('{"code":"40002","nested":{"x_response":{"code":"10000"}}}');
    expect(extractObjectText(raw, 'x_response')).toBeUndefined();
  });

  it('returns undefined for a value that is not an object or is cut off', () => {
    expect(extractObjectText('{"x_response":"text"}', 'x_response')).toBeUndefined();
    expect(extractObjectText('{"x_response":{"code":"10000"', 'x_response')).toBeUndefined();
  });
});
