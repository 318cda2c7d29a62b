// The templates the batch wizard offers, by name and version, with each template's stored ext config (what an
// instantiate batch uploads when the wizard sends no ext of its own). A small read over lib/templates/registry.ts.
import type { Db } from '@/db';
import { listTemplateRecords } from '@/lib/templates/registry';

export interface TemplateChoice {
  templateId: string;
  name: string;
  extTemplate: string;
  /** Newest first. */
  versions: { version: string; onShelf: boolean }[];
}

export function listTemplateChoices(db: Db): TemplateChoice[] {
  return listTemplateRecords(db).map((t) => ({
    templateId: t.templateId,
    name: t.name,
    extTemplate: t.extTemplate,
    versions: t.versions.map((v) => ({ version: v.version, onShelf: v.onShelf })),
  }));
}
