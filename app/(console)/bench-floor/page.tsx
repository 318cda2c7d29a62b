import { notFound } from 'next/navigation';

export const dynamic = 'force-dynamic';

// The floor of `npm run bench:pages`: a trivial server-rendered page behind the same sign-in and console shell as
// every page, so each page's time can be read as a multiple of it. Absent unless the benchmark started the server.
export default function BenchFloorPage() {
  if (process.env.TINYAPP_BENCH_FLOOR !== '1') notFound();
  return <p>floor</p>;
}
