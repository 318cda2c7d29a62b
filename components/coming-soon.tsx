import { Card, Empty } from 'antd';

export function ComingSoon({ title, description }: { title: string; description: string }) {
  return (
    <Card>
      <Empty description={<><div style={{ fontWeight: 500 }}>{title}</div><div style={{ color: '#8c8c8c' }}>{description}</div></>} />
    </Card>
  );
}
