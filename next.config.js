/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets two builds (e.g. two engineers' e2e runs) coexist: NEXT_DIST_DIR=.next-mine.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ['better-sqlite3', 'liteque', 'alipay-sdk', 'bcryptjs', 'qrcode'],
  poweredByHeader: false,
  // SOURCE_MAPS=1 npm run build writes browser source maps, to see what a page's JavaScript is made of.
  productionBrowserSourceMaps: process.env.SOURCE_MAPS === '1',
  experimental: {
    serverActions: { bodySizeLimit: '12mb' },
    // The proxy sees every request; it must not cut a 12 MB action short (public endpoints are capped far lower
    // by the proxy itself, lib/http/routes.ts).
    proxyClientMaxBodySize: '13mb',
  },
  // Build files bypass the proxy (proxy.ts sets these and the CSP on everything else).
  async headers() {
    return [
      {
        source: '/_next/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
    ];
  },
};

// next-intl reads its request configuration (locale from the cookie, messages) from lib/i18n/request.ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS config file
const withNextIntl = require('next-intl/plugin')('./lib/i18n/request.ts');

module.exports = withNextIntl(nextConfig);
