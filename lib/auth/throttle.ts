// Sign-in attempts per client address: a sliding window in memory (one web server process signs staff in).
// It slows a guesser spreading attempts over many accounts, which the per-account lockout cannot see.
import { LOCKOUT } from './lockout';

const MAX_ADDRESSES = 10_000;

export class AddressThrottle {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly windowMs = LOCKOUT.windowMs) {}

  /** Records one attempt; answers the time the address may try again when it has used up its `limit`. */
  take(address: string, limit: number, now = Date.now()): { ok: true } | { ok: false; retryAt: number } {
    const since = now - this.windowMs;
    const list = (this.hits.get(address) ?? []).filter((t) => t > since);
    if (list.length >= limit) {
      this.hits.set(address, list);
      return { ok: false, retryAt: list[0] + this.windowMs };
    }
    list.push(now);
    this.hits.delete(address);
    this.hits.set(address, list);
    // Bounded memory: forget the addresses seen longest ago (Map keeps insertion order).
    while (this.hits.size > MAX_ADDRESSES) this.hits.delete(this.hits.keys().next().value as string);
    return { ok: true };
  }
}
