/**
 * The Content-Security-Policy of the renderer, the same for the Electron window (set through session response
 * headers) and the web mode (HTTP header). Electron's security checklist item 7: define a CSP; no inline script,
 * no eval, no remote content, no framing.
 */

/** Where the renderer may connect besides its own origin (the web mode's WebSocket URL). */
export interface CspOptions {
  readonly connectSrc?: readonly string[];
}

/** Returns the policy header value. */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.connectSrc ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
