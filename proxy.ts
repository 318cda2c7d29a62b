// Defense in depth only: every /sandbox page, action and route checks the mode itself. This also answers 404 to a
// signed-out visitor in production, who would otherwise be sent to sign in by the console layout first.
import { NextResponse, type NextRequest } from 'next/server';

export function proxy(request: NextRequest) {
  if (process.env.ALIPAY_MODE === 'production' && request.nextUrl.pathname.startsWith('/sandbox')) {
    return new NextResponse('Not Found', { status: 404 });
  }
  return NextResponse.next();
}

export const config = { matcher: ['/sandbox', '/sandbox/:path*'] };
