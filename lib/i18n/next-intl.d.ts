// Typed keys for next-intl: a mistyped message key fails the type check.
import type { Locale, Messages } from './core';

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
