// The console's record of the provider's templates and their versions, ordered for reading (queries in ./data). No
// auth, no platform calls: ./sync reads the platform (templatelist.query) and hands the answer to applyTemplateList.
import type { Db } from '@/db';
import type { TemplateRecord, TemplateVersionRecord } from '@/db/schema';
import { compareVersions } from '@/lib/versions/operations';
import { onShelfVersions, templateRow, templateRows, templateVersionRows, upsertUploadedInstance } from './data';

export interface TemplateWithVersions extends TemplateRecord {
  /** Newest first. */
  versions: TemplateVersionRecord[];
}

const newestFirst = (versions: TemplateVersionRecord[]) => versions.sort((a, b) => compareVersions(b.version, a.version));

export function listTemplateRecords(db: Db): TemplateWithVersions[] {
  const all = templateVersionRows(db);
  return templateRows(db).map((t) => ({ ...t, versions: newestFirst(all.filter((v) => v.templateId === t.templateId)) }));
}

export function findTemplate(db: Db, templateId: string): TemplateWithVersions | undefined {
  const t = templateRow(db, templateId);
  if (!t) return undefined;
  return { ...t, versions: newestFirst(templateVersionRows(db, templateId)) };
}

/** The version an upload without `template_version` gets: the newest on shelf (null when none is registered). */
export function latestOnShelf(db: Db, templateId: string): string | null {
  return onShelfVersions(db, templateId).sort((a, b) => compareVersions(b, a))[0] ?? null;
}

/**
 * A version the console has just uploaded makes the mini-program an instance of that template version (a new upload
 * is always its highest version), so counts are right before the next sync, which stays the authority.
 */
export function noteUploadedInstance(
  db: Db,
  v: { miniAppId: string; appName?: string | null; templateId: string; templateVersion: string | null; appVersion: string },
  now: Date = new Date(),
): void {
  upsertUploadedInstance(db, { ...v, templateVersion: v.templateVersion || latestOnShelf(db, v.templateId) || '' }, now);
}
