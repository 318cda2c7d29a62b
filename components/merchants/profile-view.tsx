'use client';
import { LockOutlined, PictureOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Avatar, Button, Card, Cascader, Col, Descriptions, Empty, Flex, Form, Input, Row, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { usePathname, useRouter } from 'next/navigation';
import { useMemo, useState, type ReactNode } from 'react';
import { useWatch } from 'react-hook-form';
import { saveMiniAppProfile } from '@/app/(console)/merchants/[id]/profile/actions';
import { FormError, useFormModal } from '@/components/form-modal';
import { FormField } from '@/components/form-field';
import type { BaseInfo } from '@/lib/alipay/base-info';
import { isKnownModifyStatus } from '@/lib/alipay/vocabulary';
import { formatDateTime } from '@/lib/format';
import { useT } from '@/lib/i18n/client';
import type { MerchantAppView } from '@/lib/merchants/view';
import { charLength, cjkLength, LIMITS, preAuditCheck, type PreAuditField } from '@/lib/pre-audit';
import type { CategoryNode } from '@/lib/profile/categories';
import type { FieldChange } from '@/lib/profile/service';
import { LOGO_MAX_BYTES, LOGO_TYPES, profileSchema, type ProfileInput } from '@/lib/validation/profile';
import { PreAuditPanel } from './pre-audit-panel';
import { AppStatusTag } from './status-tags';

export interface ProfileHistoryRow {
  id: number;
  at: string;
  actor: string;
  changes: Record<string, FieldChange>;
  modifyStatus: string | null;
}

/** `一级_二级;…` as people read it: 一级 / 二级；… */
const categoryText = (names: string) => names.replace(/_/g, ' / ').replace(/;/g, '；');

/** Reads a picked image's size in the browser, before anything is uploaded. */
function imageSize(file: File): Promise<{ width: number; height: number } | null> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const img = new window.Image();
    img.onload = () => {
      resolve({ width: img.naturalWidth, height: img.naturalHeight });
      URL.revokeObjectURL(url);
    };
    img.onerror = () => {
      resolve(null);
      URL.revokeObjectURL(url);
    };
    img.src = url;
  });
}

export function ProfileView({
  apps,
  selected,
  history = [],
  canEdit,
  live,
  nameLocked = false,
  auditing = false,
  tree = [],
  treeError = false,
  initial,
  children,
  after,
  status,
  stale = false,
}: {
  apps: MerchantAppView[];
  selected: MerchantAppView | null;
  history?: ProfileHistoryRow[];
  canEdit: boolean;
  live?: BaseInfo;
  nameLocked?: boolean;
  auditing?: boolean;
  tree?: CategoryNode[];
  treeError?: boolean;
  initial?: ProfileInput;
  children?: ReactNode;
  /** Shown below the profile editor (the server domains). */
  after?: ReactNode;
  /** When the platform data was read, and its refresh. */
  status?: ReactNode;
  /** The shown values may be behind the platform: editing waits for the fresh read. */
  stale?: boolean;
}) {
  const t = useT();
  const router = useRouter();
  const pathname = usePathname();
  const fieldLabel = (f: PreAuditField | 'categories' | 'logo' | string) =>
    f === 'categoryIds' || f === 'categories' ? t('profile.fields.categories') : f === 'logo' ? t('profile.fields.appLogo') : t(`profile.fields.${f}`);

  if (!selected) {
    return (
      <Card>
        <Empty description={t('profile.noApps')} />
      </Card>
    );
  }
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex align="center" gap={12} wrap>
        <Typography.Text type="secondary">{t('profile.selectApp')}</Typography.Text>
        <Select
          aria-label={t('profile.selectApp')}
          value={selected.authAppId}
          style={{ minWidth: 280 }}
          onChange={(v) => router.push(`${pathname}?app=${encodeURIComponent(v)}`)}
          options={apps.map((a) => ({ value: a.authAppId, label: `${a.appName ?? a.authAppId}（${a.authAppId}）` }))}
        />
        <AppStatusTag status={selected.status} />
      </Flex>
      {selected.blocked && <Alert type="error" showIcon title={t(selected.blocked)} />}
      {status}
      {children}
      {live && initial && (
        <>
          <LiveProfile live={live} />
          {/* Keyed by the loaded values: after a save and refresh the form starts again from the live profile. */}
          <ProfileEditor
            key={JSON.stringify(initial)}
            initial={initial}
            live={live}
            tree={tree}
            treeError={treeError}
            nameLocked={nameLocked}
            auditing={auditing}
            canEdit={canEdit}
            stale={stale}
            fieldLabel={fieldLabel}
          />
        </>
      )}
      {after}
      <Card title={t('profile.history.title')} size="small">
        <Table<ProfileHistoryRow>
          rowKey="id"
          size="small"
          dataSource={history}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('profile.history.empty') }}
          columns={[
            { title: t('profile.history.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
            { title: t('profile.history.actor'), dataIndex: 'actor', width: 200 },
            {
              title: t('profile.history.field'),
              key: 'changes',
              render: (_, r) => (
                <Space orientation="vertical" size={2}>
                  {Object.entries(r.changes).map(([field, c]) => {
                    const show = (v: string | null) => (v === null ? '—' : field === 'categories' ? categoryText(v) : v);
                    return (
                      <span key={field}>
                        <Typography.Text strong>{fieldLabel(field)}</Typography.Text>：<Typography.Text delete type="secondary">{show(c.before)}</Typography.Text> →{' '}
                        <Typography.Text>{show(c.after)}</Typography.Text>
                      </span>
                    );
                  })}
                </Space>
              ),
            },
            {
              title: t('profile.history.status'),
              dataIndex: 'modifyStatus',
              width: 100,
              render: (s: string | null) => {
                if (!s) return '—';
                // An undocumented modify_status is shown raw (contract §8).
                if (!isKnownModifyStatus(s)) return <Tag>{s}</Tag>;
                return <Tag color={s === 'AUDITING' ? 'processing' : 'success'}>{t(`profile.history.statuses.${s}`)}</Tag>;
              },
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function LiveProfile({ live }: { live: BaseInfo }) {
  const t = useT();
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('profile.live')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            {t('profile.liveHint')}
          </Typography.Text>
        </Space>
      }
    >
      <Flex gap={24} align="flex-start" wrap>
        <Avatar shape="square" size={72} src={live.appLogo} icon={<PictureOutlined />} alt={t('profile.fields.appLogo')} />
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" style={{ flex: 1, minWidth: 280 }} data-testid="live-profile">
          <Descriptions.Item label={t('profile.fields.appName')}>{live.appName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('profile.fields.appEnglishName')}>{live.appEnglishName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('profile.fields.categories')}>{live.categoryNames ? categoryText(live.categoryNames) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('profile.fields.appSlogan')}>{live.appSlogan ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('profile.fields.servicePhone')}>{live.servicePhone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('profile.fields.serviceEmail')}>{live.serviceEmail ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('profile.fields.appDesc')} span={3}>
            {live.appDesc ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      </Flex>
    </Card>
  );
}

function ProfileEditor({
  initial,
  live,
  tree,
  treeError,
  nameLocked,
  auditing,
  canEdit,
  stale,
  fieldLabel,
}: {
  initial: ProfileInput;
  live: BaseInfo;
  tree: CategoryNode[];
  treeError: boolean;
  nameLocked: boolean;
  auditing: boolean;
  canEdit: boolean;
  stale: boolean;
  fieldLabel: (f: string) => string;
}) {
  const t = useT();
  const [logoPreview, setLogoPreview] = useState<string | null>(null);
  const form = useFormModal({
    schema: profileSchema,
    defaultValues: () => initial,
    action: saveMiniAppProfile,
    success: (data) => (isKnownModifyStatus(data.modifyStatus) ? t(`profile.saved.${data.modifyStatus}`) : t('profile.saved.other', { status: data.modifyStatus })),
  });
  const { control, reset, setError: setFieldError, clearErrors, setValue } = form;
  const values = useWatch({ control });
  const findings = useMemo(
    () => preAuditCheck({ ...values, categoryCount: values.categoryIds?.length ?? 0, nameLocked }),
    [values, nameLocked],
  );

  const pickLogo = async (file: File) => {
    clearErrors('logo');
    if (!(LOGO_TYPES as readonly string[]).includes(file.type)) return setFieldError('logo', { type: 'client', message: 'profile.logo.type' });
    if (file.size > LOGO_MAX_BYTES) return setFieldError('logo', { type: 'client', message: 'profile.logo.size' });
    const size = await imageSize(file);
    if (!size) return setFieldError('logo', { type: 'client', message: 'profile.logo.invalid' });
    if (size.width !== size.height) return setFieldError('logo', { type: 'client', message: 'profile.logo.square' });
    setValue('logo', file, { shouldDirty: true });
    setLogoPreview(URL.createObjectURL(file));
  };

  const cascaderValue = (values.categoryIds ?? []).map((id) => id.split('_'));
  const disabled = !canEdit || stale;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={15}>
        <Card title={t('profile.edit')} size="small">
          {auditing && <Alert type="info" showIcon title={t('profile.auditing')} style={{ marginBottom: 16 }} />}
          {nameLocked && <Alert type="warning" showIcon icon={<LockOutlined />} title={t('profile.frozen')} style={{ marginBottom: 16 }} />}
          <FormError form={form} style={{ marginBottom: 16 }} />
          <Form layout="vertical" component="div" disabled={disabled}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <FormField
                  control={control}
                  name="appName"
                  label={t('profile.fields.appName')}
                  required
                  extra={nameLocked ? t('profile.frozen') : t('profile.help.appName')}
                  render={(f) => (
                    <Input {...f} readOnly={nameLocked} prefix={nameLocked ? <LockOutlined /> : undefined} count={{ show: !nameLocked, max: LIMITS.appName.max, strategy: charLength }} />
                  )}
                />
              </Col>
              <Col xs={24} md={12}>
                <FormField
                  control={control}
                  name="appEnglishName"
                  label={t('profile.fields.appEnglishName')}
                  extra={t('profile.help.appEnglishName')}
                  render={(f) => <Input {...f} readOnly={nameLocked} prefix={nameLocked ? <LockOutlined /> : undefined} />}
                />
              </Col>
            </Row>
            <FormField
              control={control}
              name="appSlogan"
              label={t('profile.fields.appSlogan')}
              extra={t('profile.help.appSlogan')}
              render={(f) => <Input {...f} count={{ show: true, max: LIMITS.appSlogan.max, strategy: cjkLength }} />}
            />
            <FormField
              control={control}
              name="appDesc"
              label={t('profile.fields.appDesc')}
              extra={t('profile.help.appDesc')}
              render={(f) => <Input.TextArea {...f} autoSize={{ minRows: 3, maxRows: 8 }} count={{ show: true, max: LIMITS.appDesc.max, strategy: cjkLength }} />}
            />
            <FormField
              control={control}
              name="categoryIds"
              label={t('profile.fields.categories')}
              required
              extra={treeError ? <Typography.Text type="warning">{t('profile.categories.unavailable')}</Typography.Text> : t('profile.help.categories')}
              render={({ onChange, onBlur, id }) => (
                <Cascader
                  id={id}
                  aria-label={t('profile.fields.categories')}
                  multiple
                  showCheckedStrategy={Cascader.SHOW_CHILD}
                  options={tree}
                  value={cascaderValue}
                  onBlur={onBlur}
                  onChange={(paths) => onChange((paths as string[][]).filter((p) => p.length >= 2).map((p) => p.join('_')))}
                  placeholder={t('profile.categories.placeholder')}
                  maxTagCount="responsive"
                  style={{ width: '100%' }}
                />
              )}
            />
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <FormField control={control} name="servicePhone" label={t('profile.fields.servicePhone')} extra={t('profile.help.contact')} render={(f) => <Input {...f} inputMode="tel" />} />
              </Col>
              <Col xs={24} md={12}>
                <FormField control={control} name="serviceEmail" label={t('profile.fields.serviceEmail')} render={(f) => <Input {...f} type="email" />} />
              </Col>
            </Row>
            <FormField
              control={control}
              name="logo"
              label={t('profile.fields.appLogo')}
              extra={t('profile.help.logo')}
              render={({ value, id }) => (
                <Flex align="center" gap={16}>
                  <Avatar shape="square" size={64} src={logoPreview ?? live.appLogo} icon={<PictureOutlined />} />
                  <Upload
                    accept="image/png,image/jpeg"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void pickLogo(file);
                      return Upload.LIST_IGNORE;
                    }}
                  >
                    <Button id={id} icon={<UploadOutlined />}>
                      {t('profile.logo.upload')}
                    </Button>
                  </Upload>
                  {value instanceof File && (
                    <>
                      <Typography.Text type="secondary">{t('profile.logo.pending', { name: value.name })}</Typography.Text>
                      <Button
                        type="link"
                        onClick={() => {
                          setValue('logo', null);
                          setLogoPreview(null);
                        }}
                      >
                        {t('profile.logo.remove')}
                      </Button>
                    </>
                  )}
                </Flex>
              )}
            />
          </Form>
          {canEdit && (
            <Space>
              <Button type="primary" onClick={() => void form.submit()} loading={form.submitting} disabled={stale}>
                {t('profile.save')}
              </Button>
              <Button
                onClick={() => {
                  reset(initial);
                  setLogoPreview(null);
                  form.setFormError(null);
                }}
              >
                {t('profile.reset')}
              </Button>
            </Space>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={9}>
        <div style={{ position: 'sticky', top: 16 }}>
          <PreAuditPanel findings={findings} fieldLabel={fieldLabel} />
        </div>
      </Col>
    </Row>
  );
}
