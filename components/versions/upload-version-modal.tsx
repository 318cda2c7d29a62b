'use client';
// Upload a version from a template, then follow its asynchronous build until it succeeds or fails. The ext sent is,
// by default, the template's ext config rendered for this mini-program (previewed, and compared with what it runs
// now); staff may replace it for this upload only, which is recorded as an override.
import { Alert, Button, Flex, Form, Input, Modal, Radio, Result, Select, Space, Steps, Tag, Typography } from 'antd';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { pollBuild, uploadVersion } from '@/app/(console)/mini-apps/actions';
import { FormField } from '@/components/form-field';
import { FormError, useFormModal } from '@/components/form-modal';
import { ExtDiff, MONO } from '@/components/templates/merchant-ext-drawer';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';
import { hasChanges, lineDiff, prettyJson } from '@/lib/templates/diff';
import type { UploadTemplateOption, VersionsView } from '@/lib/versions/view';
import { extProblem, uploadVersionSchema, type UploadVersionInput } from '@/lib/validation/versions';
import { translateResult } from './use-version-operations';

type Phase =
  | { kind: 'form' }
  | { kind: 'building'; appVersion: string; state: string | null; polls: number }
  | { kind: 'ended'; appVersion: string; state: 'success' | 'failed' | 'timeout' };

const POLL_MS = 1000;
const KNOWN_TEMPLATE_STATUSES = ['RELEASE', 'OFFLINE', 'INIT'];

export function UploadVersionModal({ view, open, onClose, onChanged }: { view: VersionsView; open: boolean; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  return (
    <Modal open={open} title={t('versions.uploadModal.title')} onCancel={onClose} width={720} footer={null} destroyOnHidden>
      {/* Mounted afresh on every opening (destroyOnHidden): a new form, no build followed. */}
      {open && <UploadVersionBody view={view} onClose={onClose} onChanged={onChanged} />}
    </Modal>
  );
}

function renderError(t: ReturnType<typeof useT>, tpl: UploadTemplateOption): string | null {
  if (tpl.rendered.ok) return null;
  const e = tpl.rendered.error;
  if (e.code === 'missingValue') return t('templates.render.missingValue', { variable: `{{${e.variable}}}` });
  if (e.code === 'invalidTemplate') return t('templates.render.invalidTemplate');
  if (e.code === 'templateNotFound') return t('templates.render.templateNotFound');
  return t('authorization.appNotFound');
}

/** The template's rendering (or "none"), its preview and its diff against what the mini-program runs now. */
function ExtPreview({ view, text, testId }: { view: VersionsView; text: string | null; testId: string }) {
  const t = useT();
  const diff = useMemo(() => (text === null ? null : lineDiff(view.currentExt?.ext ?? null, text)), [text, view.currentExt]);
  return (
    <Flex vertical gap={8}>
      {text === null ? (
        <Typography.Text type="secondary">{t('versions.uploadModal.extNone')}</Typography.Text>
      ) : (
        <pre data-testid={testId} style={{ ...MONO, margin: 0, padding: 8, background: 'rgba(0,0,0,0.02)', borderRadius: 6, overflow: 'auto', maxHeight: 220 }}>
          {prettyJson(text)}
        </pre>
      )}
      {diff && (
        <>
          <Typography.Text strong>{t('versions.uploadModal.extDiff')}</Typography.Text>
          <Typography.Text type="secondary">
            {view.currentExt ? t('versions.uploadModal.extDiffAgainst', { version: view.currentExt.appVersion }) : t('versions.uploadModal.extNoCurrent')}
          </Typography.Text>
          {!hasChanges(diff) ? <Alert type="success" showIcon title={t('versions.uploadModal.extIdentical')} /> : <ExtDiff lines={diff} testId="upload-ext-diff" />}
        </>
      )}
    </Flex>
  );
}

function UploadVersionBody({ view, onClose, onChanged }: { view: VersionsView; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [defaults] = useState((): UploadVersionInput => {
    const last = view.versions.find((v) => v.templateId && view.templates.some((tpl) => tpl.templateId === v.templateId));
    return {
      merchantAppId: view.merchantAppId,
      templateId: last?.templateId ?? view.templates[0]?.templateId ?? '',
      templateVersion: '',
      appVersion: view.proposedVersion,
      extMode: 'template',
      ext: '',
    };
  });
  const form = useFormModal({
    schema: uploadVersionSchema,
    defaultValues: () => defaults,
    action: uploadVersion,
    refresh: false,
    translate: (message, params) => translateResult(t, message, params),
    onSuccess: (data, values) => {
      onChanged();
      if (data.outcome === 'inProgress') form.setFormError(t('versions.outcome.inProgress'));
      else setPhase({ kind: 'building', appVersion: values.appVersion, state: 'queued', polls: 0 });
    },
  });
  const { control, setValue, getValues } = form;
  const templateId = useWatch({ control, name: 'templateId' });
  const templateVersion = useWatch({ control, name: 'templateVersion' });
  const extMode = useWatch({ control, name: 'extMode' });
  const overrideText = useWatch({ control, name: 'ext' }) ?? '';
  const template = view.templates.find((tpl) => tpl.templateId === templateId);
  const rendered = template?.rendered.ok ? template.rendered.ext : null;
  const chosenVersion = template?.versions.find((v) => v.version === templateVersion);
  const statusLabel = (status: string) => (KNOWN_TEMPLATE_STATUSES.includes(status) ? t(`templates.versionStatus.${status}`) : status || '—');

  // While building: ask for the build state every second until it ends.
  useEffect(() => {
    if (phase.kind !== 'building') return;
    let active = true;
    const timer = setTimeout(() => {
      void pollBuild({ merchantAppId: view.merchantAppId, appVersion: phase.appVersion }).then((result) => {
        if (!active) return;
        const state = result.ok ? result.data.buildStatus : null;
        if (state === 'success' || state === 'failed' || state === 'timeout') {
          setPhase({ kind: 'ended', appVersion: phase.appVersion, state });
          onChanged();
        } else {
          setPhase({ ...phase, state: state ?? phase.state, polls: phase.polls + 1 });
        }
      });
    }, POLL_MS);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [onChanged, phase, view.merchantAppId]);

  // Switching to "my own" starts from the rendering, so a small change stays small.
  const chooseMode = (mode: 'template' | 'override') => {
    setValue('extMode', mode, { shouldValidate: mode === 'template' });
    if (mode === 'override' && !(getValues('ext') ?? '').trim() && rendered) setValue('ext', prettyJson(rendered));
  };

  const formatExt = () => {
    const text = getValues('ext') ?? '';
    if (text.trim() && !extProblem(text)) setValue('ext', JSON.stringify(JSON.parse(text), null, 2), { shouldValidate: true });
  };

  const overrideValid = overrideText.trim() !== '' && !extProblem(overrideText);
  const problem = template ? renderError(t, template) : null;

  const footer =
    phase.kind === 'form' ? (
      <Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={form.submitting} onClick={() => void form.submit()} disabled={view.templates.length === 0}>
          {t('versions.uploadModal.submit')}
        </Button>
      </Space>
    ) : (
      <Button type={phase.kind === 'ended' ? 'primary' : 'default'} onClick={onClose}>
        {t('versions.uploadModal.close')}
      </Button>
    );

  return (
    <>
      {phase.kind === 'form' && (
        <>
          <FormError form={form} style={{ marginBottom: 16 }} />
          {view.templates.length === 0 && (
            <Alert type="warning" showIcon title={t('versions.uploadModal.noTemplates')} action={<Link href="/templates">{t('templates.title')}</Link>} style={{ marginBottom: 16 }} />
          )}
          <Form layout="vertical" component="div">
            <Flex gap={16}>
              <div style={{ flex: 3 }}>
                <FormField
                  control={control}
                  name="templateId"
                  label={t('versions.uploadModal.template')}
                  required
                  extra={t('versions.uploadModal.templateHelp')}
                  render={({ value, onChange, onBlur, id, status }) => (
                    <Select
                      id={id}
                      value={value || undefined}
                      status={status}
                      onChange={(v: string) => {
                        onChange(v);
                        setValue('templateVersion', '');
                      }}
                      onBlur={onBlur}
                      placeholder={t('versions.uploadModal.templatePlaceholder')}
                      options={view.templates.map((tpl) => ({ value: tpl.templateId, label: tpl.name }))}
                      optionRender={(o) => {
                        const tpl = view.templates.find((x) => x.templateId === o.value);
                        return (
                          <Space>
                            {tpl?.name}
                            <Typography.Text type="secondary">{o.value}</Typography.Text>
                          </Space>
                        );
                      }}
                    />
                  )}
                />
              </div>
              <div style={{ flex: 2 }}>
                <FormField
                  control={control}
                  name="templateVersion"
                  label={t('versions.uploadModal.templateVersion')}
                  render={({ value, onChange, onBlur, id, status }) => (
                    <Select
                      id={id}
                      value={value ?? ''}
                      status={status}
                      onChange={onChange}
                      onBlur={onBlur}
                      options={[
                        {
                          value: '',
                          label: template?.latestOnShelf ? t('versions.uploadModal.latestOnShelf', { version: template.latestOnShelf }) : t('versions.uploadModal.noneOnShelf'),
                        },
                        ...(template?.versions ?? []).map((v) => ({ value: v.version, label: `${v.version} · ${statusLabel(v.status)}` })),
                      ]}
                      optionRender={(o) => {
                        const v = template?.versions.find((x) => x.version === o.value);
                        return v ? (
                          <Space>
                            {v.version}
                            <Tag color={v.onShelf ? 'green' : undefined}>{statusLabel(v.status)}</Tag>
                          </Space>
                        ) : (
                          o.label
                        );
                      }}
                    />
                  )}
                />
              </div>
            </Flex>
            {chosenVersion && !chosenVersion.onShelf && (
              <Alert type="warning" showIcon title={t('versions.uploadModal.notOnShelfWarning', { status: statusLabel(chosenVersion.status) })} style={{ marginBottom: 16 }} />
            )}
            <FormField
              control={control}
              name="appVersion"
              label={t('versions.uploadModal.appVersion')}
              required
              extra={t('versions.uploadModal.appVersionHelp', { version: view.proposedVersion })}
              render={(f) => <Input {...f} autoComplete="off" />}
            />
            <Form.Item label={t('versions.uploadModal.extSource')} style={{ marginBottom: 12 }}>
              <Radio.Group
                value={extMode}
                onChange={(e) => chooseMode(e.target.value as 'template' | 'override')}
                options={[
                  { value: 'template', label: t('versions.uploadModal.extFromTemplate') },
                  { value: 'override', label: t('versions.uploadModal.extOverride') },
                ]}
              />
            </Form.Item>
            {extMode !== 'override' && template && (
              <Flex vertical gap={8} style={{ marginBottom: 16 }}>
                <Typography.Text strong>{t('versions.uploadModal.extPreview')}</Typography.Text>
                {problem ? (
                  <Alert
                    data-testid="upload-ext-problem"
                    type="warning"
                    showIcon
                    title={problem}
                    action={<Link href={`/templates/${template.templateId}`}>{t('versions.uploadModal.extConfigure')}</Link>}
                  />
                ) : (
                  <ExtPreview view={view} text={rendered} testId="upload-ext-preview" />
                )}
                {form.formState.errors.ext?.message && <Typography.Text type="danger">{translateMessage(t, form.formState.errors.ext.message)}</Typography.Text>}
              </Flex>
            )}
            {extMode === 'override' && (
              <>
                <FormField
                  control={control}
                  name="ext"
                  label={
                    <Space>
                      {t('versions.uploadModal.ext')}
                      <Button size="small" type="link" onClick={formatExt}>
                        {t('versions.uploadModal.format')}
                      </Button>
                    </Space>
                  }
                  extra={t('versions.uploadModal.extOverrideHelp')}
                  render={(f) => <Input.TextArea {...f} rows={8} spellCheck={false} style={MONO} placeholder='{"extEnable": true, "ext": {"shopId": "…"}}' />}
                />
                {overrideValid && <ExtPreview view={view} text={overrideText} testId="upload-ext-override-preview" />}
              </>
            )}
          </Form>
        </>
      )}
      {phase.kind === 'building' && (
        <Result
          status="info"
          icon={null}
          title={t('versions.uploadModal.building', { version: phase.appVersion })}
          extra={
            <Steps
              size="small"
              current={phase.state === 'queued' ? 0 : 1}
              status="process"
              items={[{ title: t('versions.uploadModal.buildStep.queued') }, { title: t('versions.uploadModal.buildStep.building') }, { title: t('versions.uploadModal.buildStep.done') }]}
            />
          }
        />
      )}
      {phase.kind === 'ended' && (
        <Result
          status={phase.state === 'success' ? 'success' : 'error'}
          title={t(
            phase.state === 'success' ? 'versions.uploadModal.buildSuccess' : phase.state === 'timeout' ? 'versions.uploadModal.buildTimeout' : 'versions.uploadModal.buildFailed',
            { version: phase.appVersion },
          )}
          subTitle={t(phase.state === 'success' ? 'versions.uploadModal.buildSuccessSub' : 'versions.uploadModal.buildFailedSub')}
        />
      )}
      <Flex justify="flex-end" style={{ marginTop: 16 }}>
        {footer}
      </Flex>
    </>
  );
}
