// The console's record of the provider's templates and their versions (db/schema-templates.ts). No auth, no
// platform calls: the platform cannot list template versions, so these rows are what staff registered (or, in
// sandbox mode, what the sandbox's developer-centre view holds — see syncTemplatesFrom).
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

export interface TemplateSource {
  templateId: string;
  name: string;
  versions: { version: string; onShelf: boolean }[];
}

/** Adds templates and versions the source has, and follows its on-shelf flags; keeps what staff added by hand. */
export function syncTemplatesFrom(db: Db, source: readonly TemplateSource[]): void {
  db.transaction((tx) => {
    for (const t of source) {
      tx.insert(templates).values({ templateId: t.templateId, name: t.name }).onConflictDoNothing().run();
      for (const v of t.versions)
        tx.insert(templateVersions)
          .values({ templateId: t.templateId, version: v.version, onShelf: v.onShelf })
          .onConflictDoUpdate({ target: [templateVersions.templateId, templateVersions.version], set: { onShelf: v.onShelf } })
          .run();
    }
  });
}

export type RegistryRefusal = 'duplicate' | 'templateNotFound' | 'versionNotFound';

/** Staff register a template by hand (production: the platform cannot list them). */
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
    .values({ templateId: input.templateId, version: input.version, onShelf: input.onShelf, note: input.note || null })
    .onConflictDoNothing()
    .returning({ id: templateVersions.id })
    .all();
  return inserted.length ? { ok: true } : { ok: false, error: 'duplicate' };
}

export function setVersionOnShelf(db: Db, input: { templateId: string; version: string; onShelf: boolean }): { ok: true } | { ok: false; error: RegistryRefusal } {
  const updated = db
    .update(templateVersions)
    .set({ onShelf: input.onShelf })
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
