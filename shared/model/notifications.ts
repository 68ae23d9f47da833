/**
 * Notification settings edited in the app and the persisted notification log (issue 15). Secrets never come back
 * from main: `has…` flags say whether one is stored. Plain, structured-clone safe data.
 */

/** RTMT "Config Email Server" with TLS and authentication. */
export interface SmtpSettingsView {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly requireTLS: boolean;
  readonly allowSelfSigned: boolean;
  readonly from: string;
  readonly user?: string;
  readonly hasPassword: boolean;
}

/** An RTMT alert action: a named recipient list, each recipient enabled one by one. */
export interface AlertActionView {
  readonly id: string;
  readonly description?: string;
  readonly recipients: readonly { readonly address: string; readonly enabled: boolean }[];
}

/** An HTTP destination (Alertmanager base URL or webhook). */
export interface HttpTargetView {
  readonly url: string;
  readonly hasBearerToken: boolean;
}

/** The settings as the form shows them, and what runs now. */
export interface NotificationSettingsView {
  readonly smtp?: SmtpSettingsView;
  readonly alertActions: readonly AlertActionView[];
  readonly alertmanager?: HttpTargetView;
  readonly webhook?: HttpTargetView;
  readonly groupWaitSeconds: number;
  readonly groupIntervalSeconds: number;
  readonly repeatIntervalSeconds: number;
  /** The settings file (also read by the headless collector). */
  readonly file: string;
  /** Notifiers running now, or why none runs (a missing secret, a bad file). */
  readonly active: { readonly notifiers: readonly string[]; readonly error?: string };
}

/** A secret in a form: absent = keep the stored one, null = remove it, a string = store this one. */
export type SecretInput = string | null | undefined;

/** The form's input. */
export interface NotificationSettingsInput {
  readonly smtp?: {
    readonly host: string;
    readonly port: number;
    readonly secure: boolean;
    readonly requireTLS: boolean;
    readonly allowSelfSigned: boolean;
    readonly from: string;
    readonly user?: string;
    readonly password?: SecretInput;
  };
  readonly alertActions: readonly AlertActionView[];
  readonly alertmanager?: { readonly url: string; readonly bearerToken?: SecretInput };
  readonly webhook?: { readonly url: string; readonly bearerToken?: SecretInput };
  readonly groupWaitSeconds: number;
  readonly groupIntervalSeconds: number;
  readonly repeatIntervalSeconds: number;
}

/** "Send a test": one notifier, with the saved settings or the form's unsaved ones. */
export interface NotificationTestRequest {
  readonly target: 'email' | 'alertmanager' | 'webhook';
  /** E-mail: the alert action whose enabled recipients get the test (default "Default"). */
  readonly alertAction?: string;
  /** The form as it is (secrets left out are the stored ones); absent = the saved settings. */
  readonly settings?: NotificationSettingsInput;
}

/** What a test did. */
export interface NotificationTestResult {
  readonly target: NotificationTestRequest['target'];
  readonly ok: boolean;
  /** Who got it (e-mail recipients, the URL). */
  readonly sentTo: readonly string[];
  readonly durationMs: number;
  readonly error?: { readonly code: string; readonly message: string; readonly retryable: boolean };
}

/** One notification sent (or failed) to one notifier: the persisted notification log (Alertmanager nflog). */
export interface NotificationLogEntry {
  readonly id: number;
  readonly atMs: number;
  readonly groupKey: string;
  readonly groupLabels: Readonly<Record<string, string>>;
  /** 'email', 'alertmanager', 'webhook'. */
  readonly notifier: string;
  readonly reason: 'new' | 'update' | 'repeat' | 'test';
  readonly firing: readonly string[];
  readonly resolved: readonly string[];
  readonly ok: boolean;
  readonly attempts: number;
  readonly error?: string;
}
