// The console's record of the provider's templates and their versions (db/schema-templates.ts). No auth, no
// platform calls: ./sync reads the platform (templatelist.query) and hands the answer to applyTemplateList.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { templates, templateVersions, type TemplateRecord, type TemplateVersionRecord } from '@/db/schema';
import { compareVersions } from '@/lib/versions/operations';

export interface TemplateWithVersions extends TemplateRecord {
  /** Newest first. */
  versions: TemplateVersionRecord[];
}

export function listTemplateRecords(db: Db): TemplateWithVersions[] {
  const all = db.select().from(templateVersions).all();
  return db
    .select()
    .from(templates)
    .orderBy(asc(templates.createdAt))
    .all()
    .map((t) => ({ ...t, versions: all.filter((v) => v.templateId === t.templateId).sort((a, b) => compareVersions(b.version, a.version)) }));
}

export function findTemplate(db: Db, templateId: string): TemplateWithVersions | undefined {
  const t = db.select().from(templates).where(eq(templates.templateId, templateId)).get();
  if (!t) return undefined;
  const versions = db.select().from(templateVersions).where(eq(templateVersions.templateId, templateId)).all();
  return { ...t, versions: versions.sort((a, b) => compareVersions(b.version, a.version)) };
}

/** The version an upload without `template_version` gets: the newest on shelf (null when none is registered). */
export function latestOnShelf(db: Db, templateId: string): string | null {
  const onShelf = db
    .select({ version: templateVersions.version })
    .from(templateVersions)
    .where(and(eq(templateVersions.templateId, templateId), eq(templateVersions.onShelf, true)))
    .all()
    .map((v) => v.version);
  return onShelf.sort((a, b) => compareVersions(b, a))[0] ?? null;
}

/** One template as templatelist.query lists it (lib/alipay/templates' PlatformTemplate, fields already defaulted). */
export interface PlatformTemplateEntry {
  miniAppId: string;
  appName: string;
  logoUrl: string;
  dateCreate: string;
  versionList: { templateVersion: string; versionStatus: string }[];
}

export interface RegistrySyncSummary {
  addedTemplates: string[];
  addedVersions: { templateId: string; version: string }[];
  vanishedVersions: { templateId: string; version: string }[];
  vanishedTemplates: string[];
  /** Versions of an already known template that the platform now lists on shelf (a notice for staff). */
  shelvedVersions: { templateId: string; name: string; version: string }[];
}

/**
 * Makes the registry follow the platform's list: adds templates and versions, takes the platform's status (on shelf =
 * `RELEASE`, anything else kept raw), marks what the platform no longer lists as vanished. Never deletes a row: notes,
 * ext configs and the history of what ran stay. A template or version listed again is no longer vanished.
 */
export function applyTemplateList(db: Db, list: readonly PlatformTemplateEntry[], now: Date = new Date()): RegistrySyncSummary {
  const summary: RegistrySyncSummary = { addedTemplates: [], addedVersions: [], vanishedVersions: [], vanishedTemplates: [], shelvedVersions: [] };
  db.transaction((tx) => {
    const known = new Map(tx.select().from(templates).all().map((t) => [t.templateId, t]));
    const knownVersions = tx.select().from(templateVersions).all();
    const listed = new Set<string>();
    for (const p of list) {
      if (!p.miniAppId || listed.has(p.miniAppId)) continue;
      listed.add(p.miniAppId);
      const had = known.get(p.miniAppId);
      const fields = { logoUrl: p.logoUrl || null, platformCreatedAt: p.dateCreate || null, vanishedAt: null };
      if (!had) {
        tx.insert(templates).values({ templateId: p.miniAppId, name: p.appName || p.miniAppId, ...fields }).run();
        summary.addedTemplates.push(p.miniAppId);
      } else {
        // A blank name from the platform keeps the one we had rather than showing a bare id.
        tx.update(templates).set({ ...fields, name: p.appName || had.name }).where(eq(templates.templateId, p.miniAppId)).run();
      }
      const seen = new Set<string>();
      for (const v of p.versionList) {
        if (!v.templateVersion || seen.has(v.templateVersion)) continue;
        seen.add(v.templateVersion);
        const status = v.versionStatus || null;
        const values = { status, onShelf: status === TEMPLATE_ON_SHELF, vanishedAt: null };
        const existing = knownVersions.find((k) => k.templateId === p.miniAppId && k.version === v.templateVersion);
        // Not at a template's first sync: every version listed then would be "news".
        if (had && values.onShelf && !existing?.onShelf) summary.shelvedVersions.push({ templateId: p.miniAppId, name: p.appName || had.name, version: v.templateVersion });
        if (existing) tx.update(templateVersions).set(values).where(eq(templateVersions.id, existing.id)).run();
        else {
          tx.insert(templateVersions).values({ templateId: p.miniAppId, version: v.templateVersion, ...values }).run();
          summary.addedVersions.push({ templateId: p.miniAppId, version: v.templateVersion });
        }
      }
      for (const k of knownVersions)
        if (k.templateId === p.miniAppId && !seen.has(k.version) && !k.vanishedAt) {
          tx.update(templateVersions).set({ onShelf: false, vanishedAt: now }).where(eq(templateVersions.id, k.id)).run();
          summary.vanishedVersions.push({ templateId: k.templateId, version: k.version });
        }
    }
    for (const t of known.values())
      if (!listed.has(t.templateId) && !t.vanishedAt) {
        tx.update(templates).set({ vanishedAt: now }).where(eq(templates.templateId, t.templateId)).run();
        tx.update(templateVersions).set({ onShelf: false }).where(eq(templateVersions.templateId, t.templateId)).run();
        summary.vanishedTemplates.push(t.templateId);
      }
  });
  return summary;
}

/** Staff's own note on a template version (never sent to the platform). */
export function setVersionNote(db: Db, input: { templateId: string; version: string; note: string }): boolean {
  const updated = db
    .update(templateVersions)
    .set({ note: input.note.trim() || null })
    .where(and(eq(templateVersions.templateId, input.templateId), eq(templateVersions.version, input.version)))
    .returning({ id: templateVersions.id })
    .all();
  return updated.length > 0;
}

/** The platform's template version status for "on shelf" (contract §4, sandbox rule; other values shown raw). */
export const TEMPLATE_ON_SHELF = 'RELEASE';

export type RegistryRefusal = 'duplicate' | 'templateNotFound' | 'versionNotFound';

// registerTemplate, addTemplateVersion and setVersionOnShelf write the registry directly. The console's pages no
// longer call them (templates come from the platform); they set up fixtures in tests.

export function registerTemplate(db: Db, input: { templateId: string; name: string }): { ok: true } | { ok: false; error: RegistryRefusal } {
  const inserted = db.insert(templates).values(input).onConflictDoNothing().returning({ id: templates.id }).all();
  return inserted.length ? { ok: true } : { ok: false, error: 'duplicate' };
}

export function addTemplateVersion(
  db: Db,
  input: { templateId: string; version: string; onShelf: boolean; note?: string | null },
): { ok: true } | { ok: false; error: RegistryRefusal } {
  if (!db.select({ id: templates.id }).from(templates).where(eq(templates.templateId, input.templateId)).get()) return { ok: false, error: 'templateNotFound' };
  const inserted = db
    .insert(templateVersions)
    .values({ templateId: input.templateId, version: input.version, status: input.onShelf ? TEMPLATE_ON_SHELF : 'OFFLINE', onShelf: input.onShelf, note: input.note || null })
    .onConflictDoNothing()
    .returning({ id: templateVersions.id })
    .all();
  return inserted.length ? { ok: true } : { ok: false, error: 'duplicate' };
}

export function setVersionOnShelf(db: Db, input: { templateId: string; version: string; onShelf: boolean }): { ok: true } | { ok: false; error: RegistryRefusal } {
  const updated = db
    .update(templateVersions)
    .set({ onShelf: input.onShelf, status: input.onShelf ? TEMPLATE_ON_SHELF : 'OFFLINE' })
    .where(and(eq(templateVersions.templateId, input.templateId), eq(templateVersions.version, input.version)))
    .returning({ id: templateVersions.id })
    .all();
  return updated.length ? { ok: true } : { ok: false, error: 'versionNotFound' };
}

/** Stores the template-level ext config; the caller has checked it with parseExtTemplate. */
export function saveExtTemplate(db: Db, templateId: string, extTemplate: string): boolean {
  const updated = db
    .update(templates)
    .set({ extTemplate, updatedAt: new Date() })
    .where(eq(templates.templateId, templateId))
    .returning({ id: templates.id })
    .all();
  return updated.length > 0;
}
