import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signValue, verifyValue } from './signed';
import { createState, STATE_TTL_MS, verifyState } from './state';

const key = crypto.randomBytes(32);
const now = Date.UTC(2026, 4, 1);

describe('authorization state', () => {
  it('names the link it was made for', () => {
    const state = createState(key, 42, now);
    expect(verifyState(key, state, now + 1000)).toMatchObject({ ok: true, linkId: 42, expiresAt: now + STATE_TTL_MS });
    expect(createState(key, 42, now)).not.toBe(state);
  });

  it('cannot be forged, moved to another link, or signed with another key', () => {
    const state = createState(key, 42, now);
    const [body] = state.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as { d: { l: number } };
    payload.d.l = 43;
    const moved = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${state.split('.')[1]}`;
    expect(verifyState(key, moved, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyState(crypto.randomBytes(32), state, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyState(key, `${body}.${'A'.repeat(43)}`, now)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('expires, and refuses missing or malformed values', () => {
    const state = createState(key, 42, now);
    expect(verifyState(key, state, now + STATE_TTL_MS + 1)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyState(key, undefined, now)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyState(key, '', now)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyState(key, 'garbage', now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyState(key, 'a.b.c', now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyState(key, 'x'.repeat(9000), now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('a value signed for another purpose (e.g. a result page) is not a state', () => {
    const other = signValue(key, 'authorize-result', { l: 42 }, now + 60_000);
    expect(verifyState(key, other, now)).toEqual({ ok: false, reason: 'wrong-purpose' });
    expect(verifyValue(key, 'authorize-result', other, now)).toMatchObject({ ok: true, data: { l: 42 } });
  });

  it('refuses a signed state whose link id is not a positive integer', () => {
    const bad = signValue(key, 'authorize-state', { l: '42' }, now + 60_000);
    expect(verifyState(key, bad, now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
