'use client';
// The fields of a sandbox Alipay account with its mini-programs: the /sandbox page's "create merchant account" and
// the authorization page's sign-up use the same form and schema.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space } from 'antd';
import { useFieldArray, type Control } from 'react-hook-form';
import { MAX_MINI_APPS, type MerchantAccountInput } from '@/lib/sandbox/control-page/schemas';
import { FormField } from '@/components/form-field';
import { useT } from '@/lib/i18n/client';

export const EMPTY_MERCHANT_ACCOUNT: MerchantAccountInput = { name: '', logonId: '', password: '', miniApps: [{ name: '' }] };

export function MerchantAccountFields({ control, size }: { control: Control<MerchantAccountInput>; size?: 'large' }) {
  const t = useT();
  const apps = useFieldArray({ control, name: 'miniApps' });
  return (
    <>
      <FormField control={control} name="name" label={t('sandbox.account.name')} required render={(f) => <Input {...f} size={size} placeholder={t('sandbox.account.namePlaceholder')} />} />
      <FormField
        control={control}
        name="logonId"
        label={t('sandbox.account.logonId')}
        required
        render={(f) => <Input {...f} size={size} autoComplete="off" placeholder={t('sandbox.account.logonIdPlaceholder')} />}
      />
      <FormField
        control={control}
        name="password"
        label={t('sandbox.account.password')}
        required
        render={(f) => <Input.Password {...f} size={size} autoComplete="new-password" placeholder={t('sandbox.account.passwordPlaceholder')} />}
      />
      <Form.Item label={t('sandbox.account.miniApps')} required style={{ marginBottom: 8 }}>
        {apps.fields.map((field, index) => (
          <Space.Compact key={field.id} style={{ width: '100%' }}>
            <div style={{ flex: 1 }}>
              <FormField
                control={control}
                name={`miniApps.${index}.name`}
                render={(f) => (
                  <Input {...f} size={size} aria-label={t('sandbox.account.miniAppName', { n: index + 1 })} placeholder={t('sandbox.account.miniAppPlaceholder')} />
                )}
              />
            </div>
            {apps.fields.length > 1 && (
              <Button size={size} icon={<DeleteOutlined />} aria-label={t('sandbox.account.removeMiniApp', { n: index + 1 })} onClick={() => apps.remove(index)} />
            )}
          </Space.Compact>
        ))}
        {apps.fields.length < MAX_MINI_APPS && (
          <Button type="dashed" block size={size} icon={<PlusOutlined />} onClick={() => apps.append({ name: '' })}>
            {t('sandbox.account.addMiniApp')}
          </Button>
        )}
      </Form.Item>
    </>
  );
}
