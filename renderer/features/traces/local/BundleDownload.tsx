/**
 * A bundle's "Download" link (issue 16): a support engineer on a server's page sees the server's bundle path but has
 * no other way to get the file to attach it to a case. `GET /download?path=` (main/core/transport/fileDownload.ts)
 * serves it as an attachment: on a server to an operator or admin, and only from its bundle folders; in `--web`
 * mode to the local user. Not on the Electron desktop (the file is on this machine: Show in folder) nor in client
 * mode (the page's own backend is not the server that holds the file).
 */
import { roleAllows } from '../../../../shared/model/access.js';
import type { AccessMode } from '../../../../shared/model/access.js';
import { sessionRole, useSessionStore } from '../../../app/sessionStore.js';
import { useT } from '../../../i18n/useT.js';
import { bridgeKind } from '../../../ipc/bridge.js';

/** The link's address for a path on the backend's machine, or undefined where the page cannot download it. */
export function bundleDownloadHref(path: string, mode: AccessMode | undefined, bridge: 'electron' | 'web'): string | undefined {
  if (bridge !== 'web' || (mode !== 'server' && mode !== 'web')) return undefined;
  return `/download?path=${encodeURIComponent(path)}`;
}

/** The link (nothing where no download is possible; the reason instead of the link for a viewer). */
export function BundleDownload({ path }: { readonly path: string }) {
  const { t } = useT();
  const session = useSessionStore((s) => s.session);
  const href = bundleDownloadHref(path, session?.mode, bridgeKind());
  if (href === undefined) return null;
  const role = sessionRole(session);
  if (session?.mode === 'server' && !roleAllows(role, 'operator')) {
    const reason = role === undefined ? t('access.needsLogin') : t('access.needs', { need: t('role.operator'), role: t(`role.a.${role}`) });
    return (
      <span className="muted trace-download-off" data-testid="trace-bundle-download-off" title={reason}>
        {t('traces.download')}
      </span>
    );
  }
  const name = path.split(/[\\/]/).pop() ?? '';
  return (
    <a className="trace-download" data-testid="trace-bundle-download" href={href} download={name} title={t('traces.downloadTitle')}>
      {t('traces.download')}
    </a>
  );
}
