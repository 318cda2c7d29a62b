import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/lib/i18n/catalog';
import { renderItemMessage } from './view';

describe('renderItemMessage', () => {
  const zh = translatorFor('zh-CN');
  const en = translatorFor('en');
  it('renders a stored key and its parameters in the reader’s language, steps named in words', () => {
    expect(renderItemMessage(en, 'batches.engine.cancelledBefore', '{"step":"upload"}')).toBe(en('batches.engine.cancelledBefore', { step: en('batches.steps.upload') }));
    expect(renderItemMessage(zh, 'batches.engine.cancelledBefore', '{"step":"upload"}')).toContain(zh('batches.steps.upload'));
    expect(renderItemMessage(en, 'batches.engine.cancelledBefore', '{"step":"upload"}')).not.toContain('upload"');
  });
  it('shows the platform’s own text as it came, and nothing for no message', () => {
    expect(renderItemMessage(en, '版本号已存在 {x}', null)).toBe('版本号已存在 {x}');
    expect(renderItemMessage(en, 'a.b {not json}', 'not json')).toBe('a.b {not json}');
    expect(renderItemMessage(en, null, null)).toBeNull();
  });
});
