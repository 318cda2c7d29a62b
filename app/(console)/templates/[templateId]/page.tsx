import { notFound } from 'next/navigation';
import { TemplateDetailView } from '@/components/templates/template-detail-view';
import { getDb } from '@/lib/db';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { getTranslator } from '@/lib/i18n/server';
import { listTemplateMerchants } from '@/lib/templates/data';
import { templateDetail } from '@/lib/templates/page-data';
import { findTemplate } from '@/lib/templates/registry';

export const dynamic = 'force-dynamic';

const pageNumber = (v: string | undefined) => Math.max(1, Math.floor(Number(v)) || 1);

export async function generateMetadata({ params }: { params: Promise<{ templateId: string }> }) {
  const { t } = await getTranslator();
  const id = decodeURIComponent((await params).templateId);
  const name = findTemplate(getDb(), id)?.name;
  return { title: `${t('templates.title')} ${name ?? id}` };
}

/** Both lists are paged on the server (`?page=&q=` the merchants, `?ipage=` the instances): the fleet can be large. */
export default async function TemplateDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ templateId: string }>;
  searchParams: Promise<{ q?: string; page?: string; ipage?: string }>;
}) {
  const user = await requireUser();
  const { templateId } = await params;
  const { q, page, ipage } = await searchParams;
  const db = getDb();
  const template = templateDetail(db, decodeURIComponent(templateId), pageNumber(ipage));
  if (!template) notFound();
  return (
    <TemplateDetailView
      template={template}
      merchants={listTemplateMerchants(db, template.templateId, { q: q?.slice(0, 100), page: pageNumber(page) })}
      query={q ?? ''}
      canEdit={hasRole(user.role, 'operator')}
    />
  );
}
