'use client';
// Submit for audit in three steps, as Alipay's own screens do: read and accept the agreement → fill the information
// (with the pre-audit check live) → confirm everything on one page → submit (multipart, through the server action).
// Platform refusals land on their field, and the wizard goes back to the information step to show them.
import { PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  App,
  Button,
  Card,
  Cascader,
  Checkbox,
  Col,
  Collapse,
  Descriptions,
  Flex,
  Form,
  Image,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Steps,
  Switch,
  Typography,
  Upload,
} from 'antd';
import type { UploadFile } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import { loadAuditContext, submitForAudit, type AuditContext } from '@/app/(console)/mini-apps/actions';
import { FormField } from '@/components/form-field';
import { useT } from '@/lib/i18n/client';
import { preAuditCheck } from '@/lib/pre-audit';
import { cjkLength } from '@/lib/pre-audit/text';
import { PROVINCES, provinceName } from '@/lib/versions/regions';
import type { VersionRowView, VersionsView } from '@/lib/versions/view';
import { REGION_TYPES, SCREENSHOT_MAX, submitAuditSchema, type SubmitAuditInput } from '@/lib/validation/versions';
import { PreAuditPanel, toHints, type PreAuditHint } from './pre-audit-panel';
import { applyTranslatedErrors, translateResult } from './use-version-operations';

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
  'servicePhone',
  'serviceEmail',
  'logo',
  'autoOnline',
];
const CHANGE_FIELDS = ['appName', 'appEnglishName', 'appSlogan', 'appDesc', 'categoryIds', 'servicePhone', 'serviceEmail', 'logo'];
const SIGN_IN_WORDS = ['登录', '会员'];

function emptyValues(merchantAppId: number, v: VersionRowView): Values {
  return {
    merchantAppId,
    appVersion: v.appVersion,
    expectedStatus: v.status ?? undefined,
    agreed: false as unknown as true,
    versionDesc: '',
    regionType: 'CHINA',
    regions: [],
    screenshots: [],
    testAccount: '',
    testPassword: '',
    memo: '',
    appName: '',
    appEnglishName: '',
    appSlogan: '',
    appDesc: '',
    categoryIds: [],
    servicePhone: '',
    serviceEmail: '',
    logo: null,
    autoOnline: false,
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
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [shots, setShots] = useState<UploadFile[]>([]);
  const [logoList, setLogoList] = useState<UploadFile[]>([]);
  const form = useForm<Values>({ resolver: zodResolver(submitAuditSchema), defaultValues: emptyValues(view.merchantAppId, version), mode: 'onTouched' });
  const { control, handleSubmit, reset, trigger, setError, formState } = form;
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
  const hints: PreAuditHint[] = useMemo(() => {
    if (!current) return [];
    const pick = (changed: string | undefined, now: string | null) => (changed?.trim() ? changed : now);
    const findings = preAuditCheck({
      appName: pick(values.appName, current.appName),
      appEnglishName: pick(values.appEnglishName, current.appEnglishName),
      appSlogan: pick(values.appSlogan, current.appSlogan),
      appDesc: pick(values.appDesc, current.appDesc),
      servicePhone: pick(values.servicePhone, current.servicePhone),
      serviceEmail: pick(values.serviceEmail, current.serviceEmail),
      categoryCount: values.categoryIds?.length || current.categoryIds.length || (current.categoryNames ? current.categoryNames.split(';').filter(Boolean).length : 0),
      nameLocked: ctx?.nameLocked,
    });
    const out = toHints(t, findings);
    const signIn = SIGN_IN_WORDS.find((w) => values.versionDesc?.includes(w));
    if (signIn && !values.testAccount?.trim()) out.push({ key: 'testAccount', severity: 'warning', message: t('audit.preAudit.testAccountHint', { word: signIn }) });
    return out;
  }, [ctx?.nameLocked, current, t, values.appDesc, values.appEnglishName, values.appName, values.appSlogan, values.categoryIds, values.serviceEmail, values.servicePhone, values.testAccount, values.versionDesc]);
  const errorCount = hints.filter((h) => h.severity === 'error').length;

  const next = async () => {
    if (step === 0 && (await trigger('agreed'))) setStep(1);
    if (step === 1 && (await trigger(INFO_FIELDS, { shouldFocus: true }))) setStep(2);
  };

  const onSubmit = handleSubmit(async (v) => {
    setSubmitError(null);
    const result = await submitForAudit(v);
    if (!result.ok) {
      applyTranslatedErrors(t, result, setError);
      const onInfoField = Object.keys(result.fieldErrors ?? {}).some((f) => (INFO_FIELDS as string[]).includes(f));
      if (onInfoField) setStep(1);
      setSubmitError(translateResult(t, result.error, result.params));
      return;
    }
    if (result.data.outcome === 'inProgress') message.warning(t('versions.outcome.inProgress'));
    else message.success(t('audit.submitted', { version: v.appVersion }));
    onSubmitted();
    onClose();
  });

  const shotFiles = (values.screenshots ?? []) as Blob[];
  const shotUrls = useObjectUrls(shotFiles);
  const logoFiles = useMemo(() => (values.logo ? [values.logo as Blob] : []), [values.logo]);
  const logoUrls = useObjectUrls(logoFiles);
  const currentText = (v: string | null | undefined) => t('audit.fields.current', { value: v?.trim() ? v : t('audit.fields.none') });
  const categoryLabel = (id: string) => {
    const [a, b] = id.split('_');
    const first = ctx?.categories.find((c) => c.value === a);
    return `${first?.label ?? a} / ${first?.children?.find((c) => c.value === b)?.label ?? b}`;
  };

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
      <Button key="submit" type="primary" loading={formState.isSubmitting} onClick={onSubmit}>
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
      {submitError && <Alert type="error" showIcon title={submitError} style={{ marginBottom: 16 }} data-testid="submit-error" />}
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
            <Row gutter={24}>
              <Col span={15}>
                <Typography.Title level={5}>{t('audit.sections.version')}</Typography.Title>
                <FormField
                  control={control}
                  name="versionDesc"
                  label={t('audit.fields.versionDesc')}
                  required
                  extra={t('audit.fields.versionDescHelp', { count: cjkLength(values.versionDesc ?? '') })}
                  render={(f) => <Input.TextArea {...f} rows={4} />}
                />
                <FormField
                  control={control}
                  name="regionType"
                  label={t('audit.fields.regionType')}
                  required
                  render={({ value, onChange, id }) => (
                    <Radio.Group
                      id={id}
                      value={value}
                      onChange={(e) => onChange(e.target.value)}
                      options={REGION_TYPES.map((r) => ({ value: r, label: t(`audit.fields.regionTypes.${r}`) }))}
                    />
                  )}
                />
                {values.regionType === 'LOCATION' && (
                  <FormField
                    control={control}
                    name="regions"
                    label={t('audit.fields.regions')}
                    required
                    render={({ value, onChange, onBlur, id, status }) => (
                      <Select
                        id={id}
                        mode="multiple"
                        value={value}
                        status={status}
                        onChange={onChange}
                        onBlur={onBlur}
                        optionFilterProp="label"
                        options={PROVINCES.map((p) => ({ value: p.code, label: p.name }))}
                      />
                    )}
                  />
                )}
                <Typography.Title level={5}>{t('audit.sections.screenshots')}</Typography.Title>
                <FormField
                  control={control}
                  name="screenshots"
                  label={t('audit.fields.screenshots')}
                  required
                  extra={t('audit.fields.screenshotsHelp')}
                  render={({ onChange, id }) => (
                    <Upload
                      id={id}
                      listType="picture-card"
                      accept="image/png,image/jpeg"
                      multiple
                      maxCount={SCREENSHOT_MAX}
                      fileList={shots}
                      beforeUpload={() => false}
                      onChange={({ fileList }) => {
                        const list = fileList.slice(0, SCREENSHOT_MAX);
                        setShots(list);
                        onChange(list.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f));
                      }}
                    >
                      {shots.length < SCREENSHOT_MAX && (
                        <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
                          <PlusOutlined />
                          <div style={{ marginTop: 8 }}>{t('audit.fields.addScreenshot')}</div>
                        </button>
                      )}
                    </Upload>
                  )}
                />
                <Typography.Title level={5}>{t('audit.sections.test')}</Typography.Title>
                <Typography.Paragraph type="secondary">{t('audit.fields.testHelp')}</Typography.Paragraph>
                <Row gutter={16}>
                  <Col span={12}>
                    <FormField control={control} name="testAccount" label={t('audit.fields.testAccount')} render={(f) => <Input {...f} autoComplete="off" />} />
                  </Col>
                  <Col span={12}>
                    <FormField control={control} name="testPassword" label={t('audit.fields.testPassword')} render={(f) => <Input.Password {...f} autoComplete="new-password" />} />
                  </Col>
                </Row>
                <FormField control={control} name="memo" label={t('audit.fields.memo')} render={(f) => <Input.TextArea {...f} rows={2} />} />

                <Collapse
                  style={{ marginBottom: 16 }}
                  defaultActiveKey={CHANGE_FIELDS.some((f) => formState.errors[f as keyof Values]) ? ['changes'] : []}
                  items={[
                    {
                      key: 'changes',
                      forceRender: true,
                      label: t('audit.sections.changes'),
                      children: (
                        <>
                          <FormField
                            control={control}
                            name="appName"
                            label={t('audit.fields.appName')}
                            extra={ctx.nameLocked ? t('audit.fields.nameLocked') : currentText(current?.appName)}
                            render={(f) => <Input {...f} disabled={ctx.nameLocked} placeholder={current?.appName ?? ''} />}
                          />
                          <FormField
                            control={control}
                            name="appEnglishName"
                            label={t('audit.fields.appEnglishName')}
                            extra={ctx.nameLocked ? t('audit.fields.nameLocked') : currentText(current?.appEnglishName)}
                            render={(f) => <Input {...f} disabled={ctx.nameLocked} placeholder={current?.appEnglishName ?? ''} />}
                          />
                          <FormField control={control} name="appSlogan" label={t('audit.fields.appSlogan')} extra={currentText(current?.appSlogan)} render={(f) => <Input {...f} placeholder={current?.appSlogan ?? ''} />} />
                          <FormField control={control} name="appDesc" label={t('audit.fields.appDesc')} extra={currentText(current?.appDesc)} render={(f) => <Input.TextArea {...f} rows={3} placeholder={current?.appDesc ?? ''} />} />
                          <FormField
                            control={control}
                            name="categoryIds"
                            label={t('audit.fields.categoryIds')}
                            extra={currentText(current?.categoryNames)}
                            render={({ value, onChange, onBlur, id, status }) => (
                              <Cascader
                                id={id}
                                multiple
                                status={status}
                                showCheckedStrategy={Cascader.SHOW_CHILD}
                                options={ctx.categories}
                                value={(value ?? []).map((v) => v.split('_'))}
                                onChange={(paths) => onChange((paths as string[][]).filter((p) => p.length === 2).map((p) => p.join('_')))}
                                onBlur={onBlur}
                                style={{ width: '100%' }}
                              />
                            )}
                          />
                          <FormField
                            control={control}
                            name="logo"
                            label={t('audit.fields.logo')}
                            extra={t('audit.fields.logoHelp')}
                            render={({ onChange, id }) => (
                              <Upload
                                id={id}
                                listType="picture-card"
                                accept="image/png,image/jpeg"
                                maxCount={1}
                                fileList={logoList}
                                beforeUpload={() => false}
                                onChange={({ fileList }) => {
                                  setLogoList(fileList.slice(-1));
                                  onChange(fileList.slice(-1)[0]?.originFileObj ?? null);
                                }}
                              >
                                {logoList.length === 0 && (
                                  <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
                                    <PlusOutlined />
                                    <div style={{ marginTop: 8 }}>{t('audit.fields.chooseLogo')}</div>
                                  </button>
                                )}
                              </Upload>
                            )}
                          />
                          <Row gutter={16}>
                            <Col span={12}>
                              <FormField control={control} name="servicePhone" label={t('audit.fields.servicePhone')} extra={currentText(current?.servicePhone)} render={(f) => <Input {...f} />} />
                            </Col>
                            <Col span={12}>
                              <FormField control={control} name="serviceEmail" label={t('audit.fields.serviceEmail')} extra={currentText(current?.serviceEmail)} render={(f) => <Input {...f} />} />
                            </Col>
                          </Row>
                        </>
                      ),
                    },
                  ]}
                />
                <Typography.Title level={5}>{t('audit.sections.release')}</Typography.Title>
                <FormField
                  control={control}
                  name="autoOnline"
                  extra={t('audit.fields.autoOnlineHelp')}
                  render={({ value, onChange, id }) => (
                    <Space>
                      <Switch id={id} checked={!!value} onChange={onChange} />
                      <label htmlFor={id}>{t('audit.fields.autoOnline')}</label>
                    </Space>
                  )}
                />
              </Col>
              <Col span={9}>
                <div style={{ position: 'sticky', top: 0 }}>
                  <PreAuditPanel hints={hints} />
                </div>
              </Col>
            </Row>
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
                    children: values[k]?.trim() ? (
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
