import { notFound } from 'next/navigation';
import { TemplateDetailView } from '@/components/templates/template-detail-view';
import { getDb } from '@/lib/db';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { getTranslator } from '@/lib/i18n/server';
import { listTemplateMerchants } from '@/lib/templates/ext-configs';
import { templateDetail } from '@/lib/templates/page-data';
import { findTemplate } from '@/lib/templates/registry';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ templateId: string }> }) {
  const { t } = await getTranslator();
  const id = decodeURIComponent((await params).templateId);
  const name = findTemplate(getDb(), id)?.name;
  return { title: `${t('templates.title')} ${name ?? id}` };
}

export default async function TemplateDetailPage({ params }: { params: Promise<{ templateId: string }> }) {
  const user = await requireUser();
  const { templateId } = await params;
  const db = getDb();
  const template = templateDetail(db, decodeURIComponent(templateId));
  if (!template) notFound();
  return (
    <TemplateDetailView
      template={template}
      merchants={listTemplateMerchants(db, template.templateId)}
      canEdit={hasRole(user.role, 'operator')}
    />
  );
}
