// The Versions tab as a server component: reads the platform on every open (a slow platform does not hold the page),
// then renders the client tab. Embed it wherever a mini-program's versions are shown:
//   <VersionsSection merchantAppId={app.id} focusVersion={searchParams.version} />
import 'server-only';
import { requireUser } from '@/lib/auth/guard';
import { canOperate } from '@/lib/auth/roles';
import { defaultVersionDeps } from '@/lib/versions/deps';
import { buildVersionsView, syncForPage } from '@/lib/versions/view';
import { VersionsTab } from './versions-tab';

export async function VersionsSection({ merchantAppId, focusVersion }: { merchantAppId: number; focusVersion?: string }) {
  const user = await requireUser();
  const deps = defaultVersionDeps();
  const sync = await syncForPage(deps, merchantAppId);
  const view = buildVersionsView(deps.db, merchantAppId, sync);
  if (!view) return null;
  return <VersionsTab initial={view} canOperate={canOperate(user.role)} focusVersion={focusVersion} />;
}
