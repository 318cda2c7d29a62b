// Calls to the platform currently running in this process, keyed by mini-program and version: a second click (or a
// retry) on the same key while one runs does nothing. Kept on globalThis so every bundle of the server shares it.
const g = globalThis as unknown as { __versionCallsInFlight?: Map<string, string> };
const running = (g.__versionCallsInFlight ??= new Map<string, string>());

export const versionKey = (merchantAppId: number, appVersion: string) => `${merchantAppId}:${appVersion}`;

export function isInFlight(key: string): boolean {
  return running.has(key);
}

/** What is running on the key, if anything. */
export function inFlightOperation(key: string): string | undefined {
  return running.get(key);
}

/** Runs `fn` unless something already runs on one of the keys (then reports what runs there). */
export async function runExclusive<T>(keys: string[], operation: string, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false; running: string }> {
  const busy = keys.find((k) => running.has(k));
  if (busy) return { ran: false, running: running.get(busy)! };
  for (const k of keys) running.set(k, operation);
  try {
    return { ran: true, value: await fn() };
  } finally {
    for (const k of keys) running.delete(k);
  }
}
