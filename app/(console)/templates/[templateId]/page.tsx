import { notFound } from 'next/navigation';
import { TemplateDetailView } from '@/components/templates/template-detail-view';
import { getDb } from '@/db';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { getTranslator } from '@/lib/i18n/server';
import { listTemplateMerchants } from '@/lib/templates/ext-configs';
import { findTemplate, latestOnShelf } from '@/lib/templates/registry';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ templateId: string }> }) {
  const { t } = await getTranslator();
  return { title: `${t('templates.title')} ${(await params).templateId}` };
}

export default async function TemplateDetailPage({ params }: { params: Promise<{ templateId: string }> }) {
  const user = await requireUser();
  const { templateId } = await params;
  const db = getDb();
  const template = findTemplate(db, decodeURIComponent(templateId));
  if (!template) notFound();
  return (
    <TemplateDetailView
      template={{
        templateId: template.templateId,
        name: template.name,
        extTemplate: template.extTemplate,
        latestOnShelf: latestOnShelf(db, template.templateId),
        versions: template.versions.map((v) => ({ version: v.version, onShelf: v.onShelf })),
      }}
      merchants={listTemplateMerchants(db, template.templateId)}
      canEdit={hasRole(user.role, 'operator')}
    />
  );
}
