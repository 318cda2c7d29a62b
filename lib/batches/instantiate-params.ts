// What an instantiate batch runs with once the console's records are applied: the template's stored ext config when
// the wizard sent none, each selected mini-program's stored own values (what the wizard sent wins), and the newest
// on-shelf version when none was chosen. The result is stored on the batch, so a later edit never changes a batch
// that already started.
import type { Db } from '@/db';
import type { InstantiateParams } from '@/lib/validation/batches';
import { extValuesFor } from '@/lib/templates/data';
import { findTemplate, latestOnShelf } from '@/lib/templates/registry';

export interface ResolveSubject {
  merchantAppId: number | null;
  authAppId: string;
}

export function resolveInstantiateParams(db: Db, params: InstantiateParams, subjects: readonly ResolveSubject[]): InstantiateParams {
  const template = findTemplate(db, params.templateId);
  const ext = params.ext.trim() === '' && template ? template.extTemplate : params.ext;
  const templateVersion = params.templateVersion || latestOnShelf(db, params.templateId) || '';
  const ids = subjects.map((s) => s.merchantAppId).filter((id): id is number => id !== null);
  const stored = extValuesFor(db, params.templateId, ids);
  const perMerchant: InstantiateParams['perMerchant'] = {};
  for (const s of subjects) {
    const own = s.merchantAppId === null ? undefined : stored.get(s.merchantAppId);
    const sent = params.perMerchant[s.authAppId];
    if (!own && !sent) continue;
    const custom = { ...own?.custom, ...sent?.custom };
    const override = sent?.override ?? own?.override ?? undefined;
    perMerchant[s.authAppId] = { ...(Object.keys(custom).length ? { custom } : {}), ...(override ? { override } : {}) };
  }
  // Values sent for mini-programs not in the batch are kept as sent: they never render, and dropping them would hide input.
  for (const [authAppId, sent] of Object.entries(params.perMerchant)) if (!(authAppId in perMerchant)) perMerchant[authAppId] = sent;
  return { ...params, ext, templateVersion, perMerchant };
}
