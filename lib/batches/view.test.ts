import { describe, expect, it } from 'vitest';
import { splitItemMessage } from './view';

describe('splitItemMessage', () => {
  it('reads a pre-flight skip stored with its parameters', () => {
    expect(splitItemMessage('batches.preflight.preAudit {"rules":"slogan.length, phone.format"}')).toEqual({ key: 'batches.preflight.preAudit', params: { rules: 'slogan.length, phone.format' } });
  });
  it('leaves plain keys and platform text alone', () => {
    expect(splitItemMessage('batches.preflight.busy')).toEqual({ key: 'batches.preflight.busy' });
    expect(splitItemMessage('版本号已存在 {x}')).toEqual({ key: '版本号已存在 {x}' });
    expect(splitItemMessage('a.b {not json}')).toEqual({ key: 'a.b {not json}' });
  });
});
