import { Card, Empty } from 'antd';
import { DriftView } from '@/components/drift/drift-view';
import { PageHeader } from '@/components/page-header';
import { getDb } from '@/lib/db';
import { requireUser } from '@/lib/auth/guard';
import { canOperate } from '@/lib/auth/roles';
import { loadDriftPage } from '@/lib/drift/data';
import { filterOf, parseDriftQuery } from '@/lib/drift/rules';
import { getTranslator } from '@/lib/i18n/server';
import { latestOnShelf, listTemplateRecords } from '@/lib/templates/registry';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('drift.title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

// Viewers read the drift; only operators and owners get the selection that leads into a batch (the wizard and
// the batch actions check the role again).
export default async function DriftPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const query = parseDriftQuery(await searchParams);
  const db = getDb();
  const templates = listTemplateRecords(db);
  const template = templates.find((x) => x.templateId === query.template) ?? templates[0];
  if (!template) {
    return (
      <>
        <PageHeader title={t('drift.title')} />
        <Card>
          <Empty description={t('drift.noTemplates')} />
        </Card>
      </>
    );
  }
  const latest = latestOnShelf(db, template.templateId);
  const page = loadDriftPage(db, { templateId: template.templateId, latest }, filterOf(query), query.page, query.size, query.hours);
  return (
    <>
      <PageHeader title={t('drift.title')} />
      <Card>
        <DriftView
          templates={templates.map((x) => ({ templateId: x.templateId, name: x.name }))}
          templateId={template.templateId}
          latest={latest}
          query={{ ...query, template: template.templateId, page: page.page }}
          summary={page.summary}
          matched={page.matched}
          rows={page.rows}
          matchedSelectable={page.matchedSelectable}
          canOperate={canOperate(user.role)}
        />
      </Card>
    </>
  );
}
