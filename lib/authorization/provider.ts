// How the provider (the ISV) is named to merchants on the public authorization pages (PROVIDER_NAME).
import { getConfig } from '@/lib/config';

export function providerName(): string {
  return getConfig().providerName;
}
