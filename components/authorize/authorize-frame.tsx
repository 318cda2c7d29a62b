'use client';
import { AppstoreOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The public pages' frame: the provider's name on top, one card, comfortable on a 360 px phone and a desktop. */
export function AuthorizeFrame({ provider, width = 560, children }: { provider: string; width?: number; children: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(180deg, #e8f1ff 0%, #f5f7fa 320px)', padding: '24px 12px 48px' }}>
      <Flex vertical align="center" gap={16} style={{ maxWidth: width, margin: '0 auto' }}>
        <Flex align="center" gap={8} style={{ alignSelf: 'flex-start' }}>
          <AppstoreOutlined style={{ fontSize: 22, color: '#1677ff' }} />
          <Typography.Text strong style={{ fontSize: 16 }}>
            {provider}
          </Typography.Text>
        </Flex>
        <Card style={{ width: '100%', boxShadow: '0 6px 24px rgba(22, 119, 255, 0.08)' }} styles={{ body: { padding: 'clamp(16px, 5vw, 32px)' } }}>
          {children}
        </Card>
      </Flex>
    </div>
  );
}
