/**
 * Serves the built renderer to the window over `app://renderer/` instead of file:// (Electron security checklist
 * item 18, "avoid the file protocol"): a standard, secure origin of its own, the same CSP header as web mode, and
 * the same traversal-safe lookup (main/core/transport/staticFiles.ts).
 */
import { createReadStream } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '../core/transport/contentSecurityPolicy.js';
import { resolveStatic } from '../core/transport/staticFiles.js';

/** The scheme of the app's pages. */
export const APP_SCHEME = 'app';
/** The origin of the app's pages. */
export const APP_ORIGIN = `${APP_SCHEME}://renderer`;

/** Must run before `app.whenReady()`: makes app:// a standard, secure scheme with fetch support. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Whether a frame URL belongs to the app's own pages (the IPC sender check). */
export function isAppUrl(url: string): boolean {
  try {
    return new URL(url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Serves files of `rendererDir` on app://renderer/; call after ready. */
export async function handleAppProtocol(rendererDir: string): Promise<void> {
  const root = await realpath(rendererDir);
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.origin !== APP_ORIGIN) return new Response('Not found', { status: 404 });
    const found = await resolveStatic(root, url.pathname);
    if (found.kind !== 'file') return new Response(found.kind === 'forbidden' ? 'Forbidden' : 'Not found', { status: found.kind === 'forbidden' ? 403 : 404 });
    const body = Readable.toWeb(createReadStream(found.value.file)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: { 'Content-Type': found.value.contentType, 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
    });
  });
}
