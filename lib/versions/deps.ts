// What the version services need from outside, gathered so tests can hand in an in-memory database, a client
// pointed at a throw-away sandbox, and a fixed token.
import 'server-only';
import { getDb, type Db } from '@/db';
import { getAlipayClient, type AlipayClient } from '@/lib/alipay/client';
import { getTokenCipher, requireOperableApp, type OperableApp } from '@/lib/authorization/tokens';

export interface VersionDeps {
  db: Db;
  client: AlipayClient;
  /** The mini-program with its token, or an ActionError explaining why nothing may be done on it. */
  operable: (merchantAppId: number) => OperableApp;
  now: () => Date;
  /** Asks the worker to follow the mini-program's running builds (after a console upload); tests leave it out. */
  followBuilds?: (merchantAppId: number) => Promise<void>;
}

export function defaultVersionDeps(): VersionDeps {
  const db = getDb();
  return {
    db,
    client: getAlipayClient(),
    operable: (id) => requireOperableApp(db, getTokenCipher(), id),
    now: () => new Date(),
    followBuilds: async (id) => (await import('@/lib/jobs/build-follow')).followBuildsInWorker(id),
  };
}
