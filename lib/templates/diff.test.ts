import { describe, expect, test } from 'vitest';
import { hasChanges, lineDiff, prettyJson } from './diff';

describe('lineDiff', () => {
  test('key order and spacing are not changes', () => {
    const lines = lineDiff('{"b":1,"a":{"y":2,"x":1}}', '{ "a": { "x": 1, "y": 2 }, "b": 1 }');
    expect(hasChanges(lines)).toBe(false);
    expect(lines.map((l) => l.text)).toEqual(prettyJson('{"a":{"x":1,"y":2},"b":1}').split('\n'));
  });

  test('a changed value is one removed and one added line, the rest kept', () => {
    const lines = lineDiff('{"shop":"青禾花店","tel":"138"}', '{"shop":"青禾花艺","tel":"138"}');
    expect(lines.filter((l) => l.kind === 'removed').map((l) => l.text)).toEqual(['  "shop": "青禾花店",']);
    expect(lines.filter((l) => l.kind === 'added').map((l) => l.text)).toEqual(['  "shop": "青禾花艺",']);
    expect(lines.filter((l) => l.kind === 'same').map((l) => l.text)).toEqual(['{', '  "tel": "138"', '}']);
  });

  test('nothing before: every line is added', () => {
    const lines = lineDiff(null, '{"a":1}');
    expect(lines).toEqual([
      { kind: 'added', text: '{' },
      { kind: 'added', text: '  "a": 1' },
      { kind: 'added', text: '}' },
    ]);
  });
});
