// Next.js renders this (the Pages Router's error page; the console itself is App Router) for a request it cannot
// even route, such as a URL that does not decode (`/authorize/%ff`): without it that ends in a bare 500. Mangled URLs
// are mostly a merchant's authorization link cut or altered in a chat app, so the page says so, in both languages,
// and reads nothing.
import type { NextPageContext } from 'next';

interface Props {
  statusCode: number;
}

function ErrorPage({ statusCode }: Props) {
  const badLink = statusCode === 400;
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 480, margin: '15vh auto', padding: 24, textAlign: 'center', color: '#1f1f1f' }}>
      <h1 style={{ fontSize: 20 }}>{badLink ? '链接无效' : '出错了'}</h1>
      <p>{badLink ? '该链接不完整或已损坏。如为商家授权链接，请联系服务商重新获取。' : '请稍后再试。'}</p>
      <p style={{ color: '#8c8c8c' }}>
        {badLink ? 'This link is incomplete or damaged. If it is an authorization link, ask your provider for a new one.' : 'Please try again later.'}
      </p>
    </main>
  );
}

ErrorPage.getInitialProps = ({ res, err }: NextPageContext): Props => ({ statusCode: res?.statusCode ?? err?.statusCode ?? 500 });

export default ErrorPage;
