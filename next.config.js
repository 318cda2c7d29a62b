/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets two builds (e.g. two engineers' e2e runs) coexist: NEXT_DIST_DIR=.next-mine.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ['better-sqlite3', 'liteque', 'alipay-sdk', 'bcryptjs', 'qrcode'],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: '12mb' },
  },
};

module.exports = nextConfig;
