import { TemplatesListView } from '@/components/templates/templates-list-view';
import { getDb } from '@/lib/db';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { getTranslator } from '@/lib/i18n/server';
import { listTemplateRows, templateSyncView } from '@/lib/templates/page-data';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('templates.title') };
}

export default async function TemplatesPage() {
  const user = await requireUser();
  const db = getDb();
  return <TemplatesListView rows={listTemplateRows(db)} sync={templateSyncView(db)} canEdit={hasRole(user.role, 'operator')} />;
}
