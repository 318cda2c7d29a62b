// What every part of the sandbox shares: its store, identity, clock and settings.
import type { SandboxStore } from './db/client';
import type { SandboxIdentity } from './identity';
import type { RpsWindow } from './rules/faults';
import { readSettings, type SandboxSettings } from './settings';

export interface SandboxContext extends SandboxStore {
  identity: SandboxIdentity;
  appUrl: string;
  defaults: SandboxSettings;
  rpsWindow: RpsWindow;
  now(): number;
  /** Asks the ticker (when running) to deliver outgoing messages soon. */
  wake(): void;
}

export function currentSettings(ctx: SandboxContext): SandboxSettings {
  return readSettings(ctx.db, ctx.defaults);
}

/** Runs fn in an IMMEDIATE transaction: other processes on the same file wait instead of interleaving. */
export function inWriteTransaction<T>(ctx: SandboxContext, fn: () => T): T {
  return ctx.sqlite.transaction(fn).immediate();
}
