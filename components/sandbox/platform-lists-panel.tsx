'use client';
// The sandbox's editable lists (contract §4, sandbox rules): sensitive words (audit.apply / baseinfo.modify answer
// the field's *_SENSITIVE code) and blocked server domains (safedomain.create answers SAFEDOMAIN_FORBID).
import { Button, Card, Col, Descriptions, Form, Input, Row, Tag } from 'antd';
import { z } from 'zod';
import { savePlatformLists } from '@/app/(console)/sandbox/actions';
import { FormField } from '@/components/form-field';
import { useFormModal } from '@/components/form-modal';
import { useT } from '@/lib/i18n/client';

const lines = (text: string) => text.split(/[\n,，、]/).map((l) => l.trim()).filter(Boolean);
const listsFormSchema = z.object({
  sensitiveWords: z.string().max(20_000, 'validation.tooLong'),
  blockedDomains: z
    .string()
    .max(20_000, 'validation.tooLong')
    .refine((v) => lines(v).every((h) => /^[a-z0-9.-]{1,253}$/i.test(h)), 'sandbox.validation.host'),
});
type ListsForm = z.infer<typeof listsFormSchema>;

export function PlatformListsPanel({ sensitiveWords, blockedDomains, canEdit }: { sensitiveWords: string[]; blockedDomains: string[]; canEdit: boolean }) {
  const t = useT();
  const current: ListsForm = { sensitiveWords: sensitiveWords.join('\n'), blockedDomains: blockedDomains.join('\n') };
  const form = useFormModal({
    schema: listsFormSchema,
    defaultValues: () => current,
    liveValues: current,
    action: (values: ListsForm) => savePlatformLists({ sensitiveWords: lines(values.sensitiveWords), blockedDomains: lines(values.blockedDomains) }),
    success: t('sandbox.lists.saved'),
    onSuccess: (_data, values) => form.reset(values),
    report: 'toast',
  });
  const { control, formState } = form;
  if (!canEdit) {
    const tags = (list: string[]) => (list.length ? list.map((w) => <Tag key={w}>{w}</Tag>) : '—');
    return (
      <Card size="small" title={t('sandbox.lists.title')} style={{ marginTop: 16 }}>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'words', label: t('sandbox.lists.sensitiveWords'), children: tags(sensitiveWords) },
            { key: 'domains', label: t('sandbox.lists.blockedDomains'), children: tags(blockedDomains) },
          ]}
        />
      </Card>
    );
  }
  return (
    <Card size="small" title={t('sandbox.lists.title')} style={{ marginTop: 16 }} data-testid="platform-lists">
      <Form layout="vertical" component="form" onFinish={() => void form.submit()}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <FormField
              control={control}
              name="sensitiveWords"
              label={t('sandbox.lists.sensitiveWords')}
              extra={t('sandbox.lists.sensitiveWordsHelp')}
              render={(f) => <Input.TextArea {...f} rows={6} />}
            />
          </Col>
          <Col xs={24} md={12}>
            <FormField
              control={control}
              name="blockedDomains"
              label={t('sandbox.lists.blockedDomains')}
              extra={t('sandbox.lists.blockedDomainsHelp')}
              render={(f) => <Input.TextArea {...f} rows={6} />}
            />
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting} disabled={!formState.isDirty}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
