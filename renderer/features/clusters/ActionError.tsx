/**
 * A refused cluster action (identify, discover, test, save, remove …) in words a person can act on: the kind's
 * headline and advice in the UI language when the message names a connection error kind, then the backend's own
 * message and the stable error code.
 */
import type { ErrorInfo } from '../../app/errorInfo.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useT } from '../../i18n/useT.js';
import { ERROR_KIND_MESSAGE, ERROR_KIND_TITLE, splitErrorKind } from './clusterFormModel.js';

/** The error line. */
export function ActionError({ action, error, testId, onClose }: { readonly action: MessageKey; readonly error: ErrorInfo; readonly testId: string; readonly onClose?: () => void }) {
  const { t } = useT();
  const { kind, text } = splitErrorKind(error.message);
  return (
    <div className="cl-action-error" role="alert" data-testid={testId} data-kind={kind ?? ''}>
      <p className="cl-bad">
        <b>
          {t('clusters.refused', { action: t(action) })} {kind ? t(ERROR_KIND_TITLE[kind]) : null}
        </b>{' '}
        {kind ? t(ERROR_KIND_MESSAGE[kind]) : null}
      </p>
      <p className="muted cl-errline">
        {text} ({error.code})
      </p>
      {onClose ? (
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      ) : null}
    </div>
  );
}
