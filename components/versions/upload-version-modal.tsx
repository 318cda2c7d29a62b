'use client';
// Upload a version from a template, then follow its asynchronous build until it succeeds or fails.
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, AutoComplete, Button, Flex, Form, Input, Modal, Result, Space, Steps } from 'antd';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { pollBuild, uploadVersion } from '@/app/(console)/mini-apps/actions';
import { FormField } from '@/components/form-field';
import { useT } from '@/lib/i18n/client';
import type { VersionsView } from '@/lib/versions/view';
import { extProblem, uploadVersionSchema, type UploadVersionInput } from '@/lib/validation/versions';
import { applyTranslatedErrors, translateResult } from './use-version-operations';

type Phase =
  | { kind: 'form' }
  | { kind: 'building'; appVersion: string; state: string | null; polls: number }
  | { kind: 'ended'; appVersion: string; state: 'success' | 'failed' | 'timeout' };

const POLL_MS = 1000;

export function UploadVersionModal({ view, open, onClose, onChanged }: { view: VersionsView; open: boolean; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  return (
    <Modal open={open} title={t('versions.uploadModal.title')} onCancel={onClose} width={640} footer={null} destroyOnHidden>
      {/* Mounted afresh on every opening (destroyOnHidden): a new form, no build followed. */}
      {open && <UploadVersionBody view={view} onClose={onClose} onChanged={onChanged} />}
    </Modal>
  );
}

function UploadVersionBody({ view, onClose, onChanged }: { view: VersionsView; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [error, setError] = useState<string | null>(null);
  const [defaults] = useState(() => {
    const last = view.versions.find((v) => v.templateId);
    return {
      merchantAppId: view.merchantAppId,
      templateId: last?.templateId ?? view.templates[0]?.templateId ?? '',
      templateVersion: '',
      appVersion: view.proposedVersion,
      ext: last?.ext ?? '',
    };
  });
  const { control, handleSubmit, setError: setFieldError, setValue, getValues, formState } = useForm<UploadVersionInput>({
    resolver: zodResolver(uploadVersionSchema),
    defaultValues: defaults,
  });

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

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const result = await uploadVersion(values);
    if (!result.ok) {
      applyTranslatedErrors(t, result, setFieldError);
      if (!result.fieldErrors) setError(translateResult(t, result.error, result.params));
      return;
    }
    onChanged();
    if (result.data.outcome === 'inProgress') {
      setError(t('versions.outcome.inProgress'));
      return;
    }
    setPhase({ kind: 'building', appVersion: values.appVersion, state: 'queued', polls: 0 });
  });

  const formatExt = () => {
    const text = getValues('ext') ?? '';
    if (text.trim() && !extProblem(text)) setValue('ext', JSON.stringify(JSON.parse(text), null, 2), { shouldValidate: true });
  };

  const footer =
    phase.kind === 'form' ? (
      <Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={formState.isSubmitting} onClick={onSubmit}>
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
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form layout="vertical" component="div">
            <FormField
              control={control}
              name="templateId"
              label={t('versions.uploadModal.template')}
              required
              extra={t('versions.uploadModal.templateHelp')}
              render={({ value, onChange, onBlur, id, status }) => (
                <AutoComplete
                  id={id}
                  value={value}
                  status={status}
                  onChange={onChange}
                  onBlur={onBlur}
                  placeholder={t('versions.uploadModal.templatePlaceholder')}
                  options={view.templates.map((tpl) => ({ value: tpl.templateId, label: tpl.name ? `${tpl.name}（${tpl.templateId}）` : tpl.templateId }))}
                />
              )}
            />
            <FormField
              control={control}
              name="templateVersion"
              label={t('versions.uploadModal.templateVersion')}
              render={(f) => <Input {...f} placeholder={t('versions.uploadModal.templateVersionPlaceholder')} />}
            />
            <FormField
              control={control}
              name="appVersion"
              label={t('versions.uploadModal.appVersion')}
              required
              extra={t('versions.uploadModal.appVersionHelp', { version: view.proposedVersion })}
              render={(f) => <Input {...f} autoComplete="off" />}
            />
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
              extra={t('versions.uploadModal.extHelp')}
              render={(f) => <Input.TextArea {...f} rows={6} spellCheck={false} style={{ fontFamily: 'monospace' }} placeholder='{"extEnable": true, "ext": {"shopId": "…"}}' />}
            />
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
