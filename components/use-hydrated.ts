'use client';
// Whether React has taken over the page. Until then a form's native submit would bypass its client-side handler
// (and a GET submit would put the fields, password included, into the URL): forms keep their submit disabled.
import { useSyncExternalStore } from 'react';

const noSubscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
}
