import { TemplatesListView } from '@/components/templates/templates-list-view';
import { getDb } from '@/db';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { listTemplates } from '@/lib/batches/templates';
import { getTranslator } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('templates.title') };
}

export default async function TemplatesPage() {
  const user = await requireUser();
  return <TemplatesListView rows={await listTemplates(getDb())} canEdit={hasRole(user.role, 'operator')} />;
}
