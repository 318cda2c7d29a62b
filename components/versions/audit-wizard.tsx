'use client';
// Submit for audit in three steps, as Alipay's own screens do: read and accept the agreement → fill the information
// (with the pre-audit check live) → confirm everything on one page → submit (multipart, through the server action).
// Platform refusals land on their field, and the wizard goes back to the information step to show them.
import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, Form, Image, Modal, Space, Spin, Steps, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useWatch, type Control, type FieldPath, type FieldValues, type UseFormSetValue } from 'react-hook-form';
import { loadAuditContext, loadCategoryRequirements, submitForAudit } from '@/app/(console)/mini-apps/actions';
import type { AuditContext } from '@/lib/versions/view';
import { FormField } from '@/components/form-field';
import { useFormModal } from '@/components/form-modal';
import { useT } from '@/lib/i18n/client';
import { preAuditCheck } from '@/lib/pre-audit';
import { provinceName } from '@/lib/versions/regions';
import type { VersionRowView, VersionsView } from '@/lib/versions/view';
import { REGION_TYPES, submitAuditSchema, type SubmitAuditInput } from '@/lib/validation/versions';
import { auditRefusals, effectiveCategoryIds, qualificationNeeds, type QualificationNeed } from '@/lib/pre-audit/acceptance';
import { auditPlanOf } from '@/lib/pre-audit/form-plan';
import { categoryNames } from '@/lib/profile/category-names';
import { AuditFormFields } from './audit-form-fields';
import { AUDIT_FORM_DEFAULTS } from '@/lib/validation/audit-form';
import { PreAuditPanel, refusalHints, toHints, type PreAuditHint } from './pre-audit-panel';
import { translateResult } from './use-version-operations';

type Values = SubmitAuditInput;

const INFO_FIELDS: FieldPath<Values>[] = [
  'versionDesc',
  'regionType',
  'regions',
  'screenshots',
  'testAccount',
  'testPassword',
  'memo',
  'appName',
  'appEnglishName',
  'appSlogan',
  'appDesc',
  'categoryIds',
  'contact',
  'servicePhone',
  'serviceEmail',
  'logo',
  'licenseNo',
  'licenseName',
  'licenseValidDate',
  'licensePics',
  'outDoorPic',
  'specialLicensePics',
  'autoOnline',
];

function emptyValues(merchantAppId: number, v: VersionRowView): Values {
  return {
    merchantAppId,
    appVersion: v.appVersion,
    expectedStatus: v.status ?? undefined,
    agreed: false as unknown as true,
    appName: '',
    appEnglishName: '',
    ...AUDIT_FORM_DEFAULTS,
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const TEXT_CHANGES = ['appName', 'appEnglishName', 'appSlogan', 'appDesc', 'servicePhone', 'serviceEmail'] as const;

/**
 * The previous submission prefills what usually stays the same (region, test account, memo). Its profile changes
 * are prefilled too when they never took effect (the version was rejected or withdrawn), so fixing one thing and
 * resubmitting does not mean typing everything again. Images cannot be carried over.
 */
function prefill(values: Values, version: VersionRowView, ctx: AuditContext): Values {
  const previous = ctx.previous ?? {};
  const out: Values = {
    ...values,
    versionDesc: version.versionDesc ?? (previous.appVersion === version.appVersion ? str(previous.versionDesc) : ''),
    regionType: (REGION_TYPES as readonly string[]).includes(str(previous.regionType)) ? (previous.regionType as Values['regionType']) : 'CHINA',
    regions: Array.isArray(previous.regions) ? (previous.regions as string[]) : [],
    testAccount: str(previous.testAccount),
    memo: str(previous.memo),
  };
  for (const field of TEXT_CHANGES) {
    const before = str(previous[field]);
    if (before && before !== (ctx.current[field] ?? '') && !(ctx.nameLocked && (field === 'appName' || field === 'appEnglishName'))) out[field] = before;
  }
  // A contact changed last time and not in effect yet is offered again as "set".
  if (out.servicePhone || out.serviceEmail) out.contact = 'set';
  const categories = Array.isArray(previous.categoryIds) ? (previous.categoryIds as string[]) : [];
  if (categories.length && categories.slice().sort().join(';') !== ctx.current.categoryIds.slice().sort().join(';')) out.categoryIds = categories;
  return out;
}

/** Object URLs for local images, released when the images change. */
function useObjectUrls(files: readonly Blob[]): string[] {
  const urls = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);
  return urls;
}

export function AuditWizard({
  view,
  version,
  onClose,
  onSubmitted,
}: {
  view: VersionsView;
  version: VersionRowView | null;
  onClose: () => void;
  onSubmitted: () => void;
}) {
  const t = useT();
  return (
    <Modal
      open={!!version}
      title={version ? t('audit.wizardTitle', { version: version.appVersion }) : ''}
      onCancel={onClose}
      width={1040}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {/* Keyed by version: each opening starts at the agreement with a fresh form. */}
      {version && <AuditWizardBody key={version.appVersion} view={view} version={version} onClose={onClose} onSubmitted={onSubmitted} />}
    </Modal>
  );
}

function AuditWizardBody({
  view,
  version,
  onClose,
  onSubmitted,
}: {
  view: VersionsView;
  version: VersionRowView;
  onClose: () => void;
  onSubmitted: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [step, setStep] = useState(0);
  const [ctx, setCtx] = useState<AuditContext | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const form = useFormModal({
    schema: submitAuditSchema,
    defaultValues: () => emptyValues(view.merchantAppId, version) as Values,
    mode: 'onTouched',
    action: submitForAudit,
    refresh: false,
    report: 'none',
    translate: (m, p) => translateResult(t, m, p),
    success: (data) => (data.outcome === 'inProgress' ? '' : t('audit.submitted', { version: version.appVersion })),
    onSuccess: (data) => {
      if (data.outcome === 'inProgress') message.warning(t('versions.outcome.inProgress'));
      onSubmitted();
      onClose();
    },
    // The general message stays even when fields are marked: the fields may sit on an earlier step.
    onResult: (result) => {
      if (result.ok) return;
      if (Object.keys(result.fieldErrors ?? {}).some((f) => (INFO_FIELDS as string[]).includes(f))) setStep(1);
      form.setFormError(translateResult(t, result.error, result.params));
    },
  });
  const { control, reset, trigger } = form;
  const values = useWatch({ control }) as Values;

  useEffect(() => {
    let active = true;
    void loadAuditContext({ merchantAppId: view.merchantAppId }).then((result) => {
      if (!active) return;
      if (!result.ok) {
        setLoadError(translateResult(t, result.error, result.params));
        return;
      }
      setCtx(result.data);
      reset(prefill(emptyValues(view.merchantAppId, version), version, result.data));
    });
    return () => {
      active = false;
    };
    // Once per opening (the body is keyed by version): refreshed data must not reset what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const current = ctx?.current;
  const knownCategories = useMemo(() => (current ? (current.categoryIds.length ? current.categoryIds : (current.categoryNames?.split(';').filter(Boolean) ?? [])) : []), [current]);
  // What the categories the audit will hold ask for: category.require.query, asked again when the choice changes.
  const categoryKey = effectiveCategoryIds({ categoryIds: values.categoryIds }, { categoryIds: knownCategories }).join(';');
  const [requirements, setRequirements] = useState<QualificationNeed[]>([]);
  useEffect(() => {
    const codes = categoryKey.split(';').filter((c) => /^[^_;\s]+(_[^_;\s]+){1,2}$/.test(c));
    if (!codes.length || codes.length > 4) return;
    let active = true;
    void loadCategoryRequirements({ codes }).then((r) => {
      // A failed read leaves the tree's flags (category.query) to say what is needed.
      if (active && r.ok) setRequirements(r.data);
    });
    return () => {
      active = false;
    };
  }, [categoryKey]);
  const qualifications = useMemo(() => qualificationNeeds(categoryKey.split(';').filter(Boolean), ctx?.categories, requirements), [categoryKey, ctx?.categories, requirements]);

  const hints: PreAuditHint[] = useMemo(() => {
    if (!current) return [];
    // What the platform would answer to this request (lib/pre-audit/acceptance.ts), then the reviewer's warnings.
    const refusals = auditRefusals({
      plan: auditPlanOf(values),
      current: { ...current, categoryIds: knownCategories, nameLocked: ctx?.nameLocked },
      categoryTree: ctx?.categories,
      requirements,
    });
    const pick = (changed: string | undefined, now: string | null) => (changed?.trim() ? changed : now);
    const warnings = preAuditCheck({
      appName: pick(values.appName, current.appName),
      appSlogan: pick(values.appSlogan, current.appSlogan),
      appDesc: pick(values.appDesc, current.appDesc),
      nameLocked: ctx?.nameLocked,
    }).filter((f) => f.severity === 'warning');
    return [...refusalHints(t, refusals), ...toHints(t, warnings)];
  }, [ctx?.categories, ctx?.nameLocked, current, knownCategories, requirements, t, values]);
  const errorCount = hints.filter((h) => h.severity === 'error').length;

  const next = async () => {
    if (step === 0 && (await trigger('agreed'))) setStep(1);
    if (step === 1 && (await trigger(INFO_FIELDS, { shouldFocus: true }))) setStep(2);
  };

  const shotFiles = (values.screenshots ?? []) as Blob[];
  const shotUrls = useObjectUrls(shotFiles);
  const logoFiles = useMemo(() => (values.logo ? [values.logo as Blob] : []), [values.logo]);
  const logoUrls = useObjectUrls(logoFiles);
  const categoryLabel = (id: string) => categoryNames([id], ctx?.categories ?? []).split('_').join(' / ');

  const footer = [
    <Button key="cancel" onClick={onClose}>
      {t('common.cancel')}
    </Button>,
    step > 0 && (
      <Button key="prev" onClick={() => setStep(step - 1)}>
        {t('audit.prev')}
      </Button>
    ),
    step < 2 ? (
      <Button key="next" type="primary" onClick={next} disabled={!ctx || (step === 0 && !values.agreed)}>
        {t('audit.next')}
      </Button>
    ) : (
      <Button key="submit" type="primary" loading={form.submitting} onClick={() => void form.submit()}>
        {t('audit.submit')}
      </Button>
    ),
  ];

  return (
    <>
      <Steps
        current={step}
        style={{ margin: '8px 0 24px' }}
        items={[{ title: t('audit.steps.agreement') }, { title: t('audit.steps.info') }, { title: t('audit.steps.confirm') }]}
      />
      {!ctx && !loadError && (
        <Spin>
          <div style={{ padding: 48, textAlign: 'center' }}>
            <Typography.Text type="secondary">{t('audit.loading')}</Typography.Text>
          </div>
        </Spin>
      )}
      {loadError && <Alert type="error" showIcon title={loadError} />}
      {form.error && <Alert type="error" showIcon title={form.error} style={{ marginBottom: 16 }} data-testid="submit-error" />}
      {ctx && (
        <Form layout="vertical" component="div">
          <div style={{ display: step === 0 ? 'block' : 'none' }}>
            <Card size="small" title={t('audit.agreementTitle')} style={{ marginBottom: 16 }}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, maxHeight: 260, overflow: 'auto' }}>{t('audit.agreement')}</Typography.Paragraph>
            </Card>
            <FormField
              control={control}
              name="agreed"
              render={({ value, onChange, id }) => (
                <Checkbox id={id} checked={!!value} onChange={(e) => onChange(e.target.checked)}>
                  {t('audit.agree')}
                </Checkbox>
              )}
            />
          </div>

          <div style={{ display: step === 1 ? 'block' : 'none' }}>
            <AuditFormFields
              control={control as unknown as Control<FieldValues>}
              setValue={form.setValue as unknown as UseFormSetValue<FieldValues>}
              mode="single"
              categories={ctx.categories}
              current={current}
              nameLocked={ctx.nameLocked}
              hints={hints}
              toImage={(f) => f.originFileObj}
              qualifications={qualifications}
            />
          </div>

          {step === 2 && (
            <div data-testid="audit-confirm">
              {errorCount > 0 && <Alert type="warning" showIcon title={t('audit.preAudit.confirmWarning', { count: errorCount })} style={{ marginBottom: 16 }} />}
              <Descriptions
                title={t('audit.confirm.title')}
                bordered
                size="small"
                column={1}
                styles={{ label: { width: 160 } }}
                items={[
                  { key: 'appVersion', label: t('versions.table.version'), children: values.appVersion },
                  { key: 'versionDesc', label: t('audit.fields.versionDesc'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{values.versionDesc}</span> },
                  {
                    key: 'region',
                    label: t('audit.fields.regionType'),
                    children:
                      t(`audit.fields.regionTypes.${values.regionType}`) +
                      (values.regionType === 'LOCATION' && values.regions?.length ? `：${values.regions.map(provinceName).join('、')}` : ''),
                  },
                  {
                    key: 'screenshots',
                    label: t('audit.fields.screenshots'),
                    children: (
                      <Space wrap>
                        <Typography.Text>{t('audit.confirm.screenshotCount', { count: shotUrls.length })}</Typography.Text>
                        <Image.PreviewGroup>
                          {shotUrls.map((u) => (
                            <Image key={u} src={u} width={72} alt="" />
                          ))}
                        </Image.PreviewGroup>
                      </Space>
                    ),
                  },
                  {
                    key: 'test',
                    label: t('audit.fields.testAccount'),
                    children: values.testAccount ? `${values.testAccount}（${t('audit.fields.testPassword')}：${values.testPassword ? t('audit.confirm.password') : '—'}）` : '—',
                  },
                  { key: 'memo', label: t('audit.fields.memo'), children: values.memo || '—' },
                  ...(['appName', 'appEnglishName', 'appSlogan', 'appDesc', 'servicePhone', 'serviceEmail'] as const).map((k) => ({
                    key: k,
                    label: t(`audit.fields.${k}`),
                    children: values[k]?.trim() && (values.contact === 'set' || (k !== 'servicePhone' && k !== 'serviceEmail')) ? (
                      <Typography.Text strong>{values[k]}</Typography.Text>
                    ) : (
                      <Typography.Text type="secondary">
                        {t('audit.confirm.unchanged')}：{current?.[k] || t('audit.fields.none')}
                      </Typography.Text>
                    ),
                  })),
                  {
                    key: 'categories',
                    label: t('audit.fields.categoryIds'),
                    children: values.categoryIds?.length ? (
                      <Typography.Text strong>{values.categoryIds.map(categoryLabel).join('；')}</Typography.Text>
                    ) : (
                      <Typography.Text type="secondary">
                        {t('audit.confirm.unchanged')}：{current?.categoryNames || t('audit.fields.none')}
                      </Typography.Text>
                    ),
                  },
                  {
                    key: 'logo',
                    label: t('audit.fields.logo'),
                    children: logoUrls[0] ? (
                      <Image src={logoUrls[0]} width={48} height={48} alt="" />
                    ) : (
                      <Typography.Text type="secondary">{t('audit.confirm.unchanged')}</Typography.Text>
                    ),
                  },
                  ...(values.licenseNo || values.licensePics?.length || values.outDoorPic || values.specialLicensePics?.length
                    ? [
                        {
                          key: 'licence',
                          label: t('qualifications.title'),
                          children: (
                            <Typography.Text>
                              {t('qualifications.confirm', {
                                number: values.licenseNo || '—',
                                name: values.licenseName || '—',
                                date: values.licenseValidDate === '9999-12-31' ? t('qualifications.permanent') : values.licenseValidDate || '—',
                                pictures: values.licensePics?.length ?? 0,
                                door: values.outDoorPic ? 1 : 0,
                                special: values.specialLicensePics?.length ?? 0,
                              })}
                            </Typography.Text>
                          ),
                        },
                      ]
                    : []),
                  { key: 'autoOnline', label: t('audit.fields.autoOnline'), children: values.autoOnline ? t('audit.confirm.yes') : t('audit.confirm.no') },
                ]}
              />
              {hints.length > 0 && (
                <div style={{ marginTop: 16 }}>
                  <PreAuditPanel hints={hints} />
                </div>
              )}
            </div>
          )}
        </Form>
      )}
      <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
        {footer}
      </Flex>
    </>
  );
}
