import { describe, expect, it } from 'vitest';
import { bundleDownloadHref } from './BundleDownload.js';

describe('bundleDownloadHref', () => {
  it('links a server page and a --web page to /download with the path encoded', () => {
    expect(bundleDownloadHref('/var/lib/imp/bundles/a b#1.zip', 'server', 'web')).toBe('/download?path=%2Fvar%2Flib%2Fimp%2Fbundles%2Fa%20b%231.zip');
    expect(bundleDownloadHref('/home/u/bundles/x.tar.gz', 'web', 'web')).toBe('/download?path=%2Fhome%2Fu%2Fbundles%2Fx.tar.gz');
  });

  it('offers no link on the Electron desktop, in client mode, or before the session is known', () => {
    expect(bundleDownloadHref('/b/x.zip', 'desktop', 'electron')).toBeUndefined();
    expect(bundleDownloadHref('/b/x.zip', 'server', 'electron')).toBeUndefined();
    expect(bundleDownloadHref('/b/x.zip', 'client', 'web')).toBeUndefined();
    expect(bundleDownloadHref('/b/x.zip', 'client', 'electron')).toBeUndefined();
    expect(bundleDownloadHref('/b/x.zip', undefined, 'web')).toBeUndefined();
  });
});
