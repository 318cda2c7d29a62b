import { describe, expect, it } from 'vitest';
import { inviteFieldOf, limitState, maskMatches } from './rules';

describe('linking the platform’s masked account to what staff typed', () => {
  it('matches the sandbox’s masks for e-mail and mobile', () => {
    expect(maskMatches('dev***@sandbox.test', 'dev-7@sandbox.test')).toBe(true);
    expect(maskMatches('138****0001', '13800000001')).toBe(true);
    expect(maskMatches('138****0001', '13800000002')).toBe(false);
    expect(maskMatches('dev***@sandbox.test', 'dev-7@other.test')).toBe(false);
  });

  it('copes with another mask format and with an unmasked answer, and never matches nothing', () => {
    expect(maskMatches('d*****7@sandbox.test', 'dev-7@sandbox.test')).toBe(true);
    expect(maskMatches('DEV-7@sandbox.test', 'dev-7@sandbox.test')).toBe(true);
    expect(maskMatches('someone@sandbox.test', 'dev-7@sandbox.test')).toBe(false);
    expect(maskMatches(undefined, 'dev-7@sandbox.test')).toBe(false);
    // Regex characters in an account are taken literally.
    expect(maskMatches('a.b***@x.cn', 'aXb1@x.cn')).toBe(false);
  });
});

describe('limits per role', () => {
  it('counts pending and joined members and unknown statuses, not refused ones', () => {
    expect(limitState('DEVELOPER', ['VALID', 'INVITED', 'REFUSED', 'SOMETHING_NEW', undefined])).toEqual({ used: 4, limit: 30, left: 26, full: false });
  });

  it('is full at 30 developers and at 50 experience members', () => {
    expect(limitState('DEVELOPER', Array(30).fill('VALID')).full).toBe(true);
    expect(limitState('EXPERIENCER', Array(30).fill('VALID')).full).toBe(false);
    expect(limitState('EXPERIENCER', [...Array(49).fill('INVITED'), 'REFUSED']).full).toBe(false);
    expect(limitState('EXPERIENCER', Array(50).fill('INVITED'))).toMatchObject({ full: true, left: 0 });
  });
});

describe('platform refusals on the invite form', () => {
  it.each([
    ['USER_INFO_NOT_EXIST', 'logonId'],
    ['INVALID_LOGON_ID', 'logonId'],
    ['DEVELOPER_ALREADY_EXSIT', 'logonId'],
    ['EXPERIENCER_ALREADY_REFUSED', 'logonId'],
    ['CANNOT_INVITE_MANAGER', 'logonId'],
    ['ROLE_OVER_LIMIT', 'role'],
    ['INVALID_ROLE', 'role'],
    ['isp.unknow-error', undefined],
    [undefined, undefined],
  ])('%s → %s', (subCode, field) => expect(inviteFieldOf(subCode)).toBe(field));
});
