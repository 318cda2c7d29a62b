// Where the engine gets a merchant mini-program's token and the facts its ext is rendered from. The console's
// implementation reads the merchants' encrypted tokens; tests inject tokens issued by a sandbox.
import type { BatchItem } from '@/db/schema';
import type { ExtSubject } from './ext-template';

export interface OpenedApp {
  appAuthToken: string;
  subject: Pick<ExtSubject, 'merchant' | 'miniApp'>;
}

export interface TokenSource {
  /** Throws TokenUnavailableError when nothing may be done on this mini-program. */
  open(item: Pick<BatchItem, 'merchantAppId' | 'authAppId'>): Promise<OpenedApp>;
}

export class TokenUnavailableError extends Error {
  /** A catalog key (e.g. `authorization.blocked.cancelled`). */
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TokenUnavailableError';
  }
}

/** A fixed map, for tests and the benchmark. */
export function staticTokenSource(apps: ReadonlyMap<string, OpenedApp>): TokenSource {
  return {
    async open(item) {
      const app = apps.get(item.authAppId);
      if (!app) throw new TokenUnavailableError('authorization.appNotFound');
      return app;
    },
  };
}
