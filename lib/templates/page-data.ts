// What the templates pages show: the platform's templates and versions (as the last sync stored them), how many
// mini-programs run each version (instantiate.query), the console's own notes and batches, and the last sync.
import type { Db } from '@/db';
import { countInstantiateBatchesByTemplate } from '@/lib/batches/data';
import { TEMPLATE_PAGE_SIZE, type Paged } from './data';
import { instanceCountsByVersion, lastTemplateSync, listInstances, onlineCountsByVersion, type InstanceRow } from './data';
import { findTemplate, listTemplateRecords, type TemplateWithVersions } from './registry';

export interface TemplateVersionRow {
  version: string;
  /** The platform's status, raw ("" when it sent none). */
  status: string;
  onShelf: boolean;
  /** The platform no longer lists this version. */
  vanished: boolean;
  note: string | null;
  /** Mini-programs whose highest version was built from this template version (the platform's instance list). */
  instances: number;
  /** Of those, online on the platform. */
  online: number;
}

export interface TemplateRow {
  templateId: string;
  name: string;
  vanished: boolean;
  latestOnShelf: string | null;
  /** Mini-programs instantiated from this template, all versions. */
  instances: number;
  /** Instantiate batches started with this template. */
  batches: number;
  /** Newest first. */
  versions: TemplateVersionRow[];
}

export interface TemplateSyncView {
  syncedAt: string | null;
  attemptedAt: string | null;
  error: string | null;
  instancesComplete: boolean;
}

function toRow(db: Db, t: TemplateWithVersions, batchesBy: Map<string, number>): TemplateRow {
  const counts = instanceCountsByVersion(db, t.templateId);
  const online = onlineCountsByVersion(db, t.templateId);
  const versions: TemplateVersionRow[] = t.versions.map((v) => ({
    version: v.version,
    status: v.status ?? '',
    onShelf: v.onShelf,
    vanished: !!v.vanishedAt,
    note: v.note,
    instances: counts.get(v.version) ?? 0,
    online: online.get(v.version) ?? 0,
  }));
  // An instance of a version the list does not name (the platform's two answers disagree) still counts and shows.
  for (const [version, n] of counts)
    if (!versions.some((v) => v.version === version))
      versions.push({ version, status: '', onShelf: false, vanished: true, note: null, instances: n, online: online.get(version) ?? 0 });
  return {
    templateId: t.templateId,
    name: t.name,
    vanished: !!t.vanishedAt,
    latestOnShelf: versions.find((v) => v.onShelf && !v.vanished)?.version ?? null,
    instances: [...counts.values()].reduce((a, b) => a + b, 0),
    batches: batchesBy.get(t.templateId) ?? 0,
    versions,
  };
}

export function templateSyncView(db: Db): TemplateSyncView | null {
  const s = lastTemplateSync(db);
  if (!s) return null;
  return { syncedAt: s.syncedAt?.toISOString() ?? null, attemptedAt: s.attemptedAt?.toISOString() ?? null, error: s.error, instancesComplete: s.instancesComplete };
}

/** Templates the platform lists first, then vanished ones; each with its versions. */
export function listTemplateRows(db: Db): TemplateRow[] {
  const by = countInstantiateBatchesByTemplate(db);
  return listTemplateRecords(db)
    .map((t) => toRow(db, t, by))
    .sort((a, b) => Number(a.vanished) - Number(b.vanished));
}

/** A template with one page of its instances (`instancePage`, 1-based). */
export function templateDetail(db: Db, templateId: string, instancePage = 1): (TemplateRow & { extTemplate: string; instancePage: Paged<InstanceRow> }) | null {
  const t = findTemplate(db, templateId);
  if (!t) return null;
  return {
    ...toRow(db, t, countInstantiateBatchesByTemplate(db)),
    extTemplate: t.extTemplate,
    instancePage: listInstances(db, templateId, { page: instancePage, pageSize: TEMPLATE_PAGE_SIZE }),
  };
}
