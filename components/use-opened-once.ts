'use client';
import { useState } from 'react';

/**
 * True from the first time `open` is true: a dialog loaded on demand (next/dynamic) is mounted when first opened,
 * not with the page, and then stays mounted, so what someone typed in it survives closing and opening it again.
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}
