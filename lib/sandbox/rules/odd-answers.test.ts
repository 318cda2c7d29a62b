import { describe, expect, test } from 'vitest';
import { ODD_FIELD, oddAnswer } from './odd-answers';

describe('the odd answers fault (§7)', () => {
  test('adds an unknown field, drops one optional field and replaces one enum value, leaving the input alone', () => {
    const answer = {
      app_version_infos: [
        { app_version: '1.0.1', version_status: 'INIT', create_time: '2026-01-01 10:00:00', version_description: 'x' },
        { app_version: '1.0.0', version_status: 'RELEASE', create_time: '2026-01-01 09:00:00' },
      ],
    };
    const odd = oddAnswer('alipay.open.mini.version.list.query', answer) as typeof answer & Record<string, unknown>;
    expect(odd.app_version_infos[0]).toEqual({ app_version: '1.0.1', version_status: 'PROMOTE_AUDIT_REJECT', version_description: 'x' });
    expect(odd.app_version_infos[1]).toEqual(answer.app_version_infos[1]);
    expect(odd[ODD_FIELD]).toBeDefined();
    expect(answer.app_version_infos[0].version_status).toBe('INIT');
  });

  test('an unexpected modify_status on a profile change', () => {
    expect(oddAnswer('alipay.open.mini.baseinfo.modify', { modify_status: 'EFFECTIVE' })).toMatchObject({ modify_status: 'PENDING_REVIEW' });
  });

  test('a method with nothing to swap still gets the unknown field, and an empty list stays empty', () => {
    expect(oddAnswer('alipay.open.mini.version.list.query', { app_version_infos: [] })).toEqual({ app_version_infos: [], [ODD_FIELD]: expect.anything() });
  });
});
