// Sign-in attempts per client address: a sliding window in memory (one web server process signs staff in).
// It slows a guesser spreading attempts over many accounts, which the per-account lockout cannot see.
import { LRUCache } from 'lru-cache';
import { LOCKOUT } from './lockout';

const MAX_ADDRESSES = 10_000;

export class AddressThrottle {
  /** Bounded memory: beyond MAX_ADDRESSES the address seen longest ago is forgotten; a quiet one after the window. */
  private readonly hits: LRUCache<string, number[]>;

  constructor(private readonly windowMs = LOCKOUT.windowMs) {
    this.hits = new LRUCache({ max: MAX_ADDRESSES, ttl: windowMs });
  }

  /** Records one attempt; answers the time the address may try again when it has used up its `limit`. */
  take(address: string, limit: number, now = Date.now()): { ok: true } | { ok: false; retryAt: number } {
    const since = now - this.windowMs;
    const list = (this.hits.get(address) ?? []).filter((t) => t > since);
    if (list.length >= limit) {
      this.hits.set(address, list);
      return { ok: false, retryAt: list[0] + this.windowMs };
    }
    list.push(now);
    this.hits.set(address, list);
    return { ok: true };
  }
}
