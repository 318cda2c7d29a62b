// A batch upload written into the console's copy of the mini-program's versions, with the template version and the
// rendered ext: what "runs now" and the drift view read. The reconciler may have created the row first (it finds
// the version on list.query without knowing its ext), so this fills an existing row instead of adding a second one.
import type { Db } from '@/db';
import { findMerchantApp } from '@/lib/data/authorization';
import { addEvent, findVersion, insertVersion, updateVersion } from '@/lib/versions/data';
import { noteUploadedInstance } from './instances';

export interface UploadedVersion {
  merchantAppId: number;
  authAppId: string;
  appVersion: string;
  templateId: string;
  templateVersion: string | null;
  ext: string;
  batchId: number;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

export function recordBatchUpload(db: Db, v: UploadedVersion, now = new Date()): void {
  // The mini-program was removed from the console while its upload ran: the platform has the version, we keep no copy.
  if (!findMerchantApp(db, v.merchantAppId)) return;
  noteUploadedInstance(db, { miniAppId: v.authAppId, templateId: v.templateId, templateVersion: v.templateVersion, appVersion: v.appVersion }, now);
  const fields = { templateId: v.templateId, templateVersion: v.templateVersion, ext: v.ext };
  const fill = () => {
    const row = findVersion(db, v.merchantAppId, v.appVersion);
    if (!row) return false;
    updateVersion(db, row.id, { ...fields, ...(row.status === null ? { status: 'INIT' as const, pendingOperation: null, pendingSince: null } : {}), deletedAt: null });
    return true;
  };
  if (fill()) return;
  try {
    const row = insertVersion(db, {
      merchantAppId: v.merchantAppId,
      authAppId: v.authAppId,
      appVersion: v.appVersion,
      ...fields,
      status: 'INIT',
      buildStatus: 'building',
      gmtCreate: now,
    });
    addEvent(db, { versionId: row.id, kind: 'uploaded', source: 'console', detail: { templateId: v.templateId, templateVersion: v.templateVersion, batchId: v.batchId } });
  } catch (e) {
    // Another process (the reconciler in the server while the worker runs apart) inserted it in between.
    if (!isUniqueViolation(e) || !fill()) throw e;
  }
}
