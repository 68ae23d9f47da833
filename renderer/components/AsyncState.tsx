/** Loading, empty and error states of a view part; children render when ready and not empty. */
import type { ReactNode } from 'react';
import type { LoadState } from '../app/loadState.js';
import { useT } from '../i18n/useT.js';

/** Props of AsyncState. */
export interface AsyncStateProps {
  readonly state: LoadState;
  readonly empty?: boolean;
  readonly emptyText?: string;
  readonly onRetry?: () => void;
  readonly children: ReactNode;
}

/** Shows a spinner while loading, the error code with a retry button when retryable, or the empty text. */
export function AsyncState({ state, empty = false, emptyText, onRetry, children }: AsyncStateProps) {
  const { t } = useT();
  if (state.kind === 'error') {
    return (
      <div className="state state-error" role="alert">
        <span className="error-code">{state.error.code}</span>
        <span>{t('state.error', { message: state.error.message })}</span>
        {state.error.retryable && onRetry ? (
          <button type="button" onClick={onRetry}>
            {t('state.retry')}
          </button>
        ) : null}
      </div>
    );
  }
  if ((state.kind === 'loading' || state.kind === 'idle') && empty) {
    return (
      <div className="state state-loading" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        {t('state.loading')}
      </div>
    );
  }
  if (empty) return <div className="state state-empty">{emptyText ?? t('state.empty')}</div>;
  return <>{children}</>;
}

/** An error banner for a failed action (code, message, optional retry). */
export function ErrorBanner({ error, onRetry }: { readonly error?: { code: string; message: string; retryable: boolean }; readonly onRetry?: () => void }) {
  const { t } = useT();
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert">
      <span className="error-code">{error.code}</span> {error.message}
      {error.retryable && onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      ) : null}
    </div>
  );
}
