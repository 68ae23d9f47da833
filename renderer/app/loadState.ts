/** The state of data a view loads: idle, loading, ready or failed with an ErrorInfo. */
import type { ErrorInfo } from './errorInfo.js';

/** Load state of one resource of a store. */
export type LoadState = { readonly kind: 'idle' } | { readonly kind: 'loading' } | { readonly kind: 'ready' } | { readonly kind: 'error'; readonly error: ErrorInfo };

/** The idle state. */
export const IDLE: LoadState = { kind: 'idle' };
/** The loading state. */
export const LOADING: LoadState = { kind: 'loading' };
/** The ready state. */
export const READY: LoadState = { kind: 'ready' };
