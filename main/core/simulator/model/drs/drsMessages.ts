// Texts DRS shows. Guide lines refer to /work/shared/seeds/im-presence-14su1-admin-guide.zh.txt (English
// renderings of its Chinese text); "[T]"/"[V]" strings come from serviceability-reference.md D.7; the rest
// is ours, written in the CLI's style, and pinned by the fixtures under ./fixtures.

/** Text messages of the Disaster Recovery System, shared by the model, the CLI and (later) SOAP/UI. */
export const DRS_MESSAGES = {
  /** [T] D.7: `status` with no job. */
  noBackupStatus: 'drfCliMsg: No backup status available',
  noRestoreStatus: 'drfCliMsg: No restore status available',
  /** [T] D.7 (two spaces, as observed). */
  noHistory: 'drfCliMsg:  No history data is available',
  /** [V] D.7. */
  scheduleEnabled: 'Schedule enabled successfully.',
  scheduleDisabled: 'Schedule disabled successfully.',
  scheduleDeleted: 'Schedule deleted successfully.',
  scheduleAdded: 'Schedule added successfully.',
  deviceAdded: 'Device added successfully.',
  /** [designed] `device add` with an existing name replaces it (the Backup Device window's edit, L10077). */
  deviceUpdated: 'Device updated successfully.',
  /** [designed] The restore dialogue's final question answered n (the monitor's pre-check). */
  restoreNotStarted: 'drfCliMsg: Restore not started.',
  /** [designed] `prepare status` before any one-step restore preparation. */
  oneStepIdle: 'drfCliMsg: One-step restore has not been prepared.',
  deviceDeleted: 'Device deleted successfully.',
  backupInitiated: "Backup initiated successfully. Please run 'utils disaster_recovery status backup' command to see the status",
  restoreInitiated: "Restore initiated successfully. Please run 'utils disaster_recovery status restore' command to see the status",
  /** Guide L10227: cancelled after the current component finishes. */
  cancelRequested: 'Backup cancellation requested. The backup will be cancelled after the current component finishes its backup operation.',
  noBackupToCancel: 'drfCliMsg: No backup is currently running.',
  /** Table 42 DRFBackupInProgress (L10708). */
  inProgress: 'drfCliMsg: New backup cannot start while another backup is still running.',
  restoreInProgress: 'drfCliMsg: A backup or restore is already in progress. Try again when it completes.',
  /** Guide L10060: at most 10 devices. */
  tooManyDevices: 'drfCliMsg: Maximum number of backup devices (10) already configured.',
  /** Guide L10128: at most 10 schedules. */
  tooManySchedules: 'drfCliMsg: Maximum number of backup schedules (10) already configured.',
  /** Guide L10085. */
  badDeviceName: 'Backup Device Name can contain only alphanumeric characters, spaces ( ), dashes (-) and underscores (_).',
  /** Guide L10081. */
  deviceInSchedule: (device: string, schedule: string): string =>
    `drfCliMsg: Device ${device} cannot be deleted: it is configured as the backup device of schedule ${schedule}.`,
  /** Guide L10155: at least one feature. */
  noFeature: 'drfCliMsg: Select at least one feature. No feature selected for backup.',
  /** Guide L10217. */
  timedOut: 'Backup session timed out: the backup to the remote server did not complete within 20 hours. Start a brand-new backup.',
  /** Guide L10190. */
  backupFailedRemote: (detail: string): string =>
    `Backup failed: ${detail}. After fixing the problem start a brand-new backup.`,
  /** Guide L10040 / L10342: the entire version string must match. */
  versionMismatch: (backup: string, current: string): string =>
    `Restore failed: the software version saved in the backup file (${backup}) does not match the version running on the cluster nodes (${current}). The entire version string must match.`,
  /** Guide L10042 / L10130 / L10345. */
  securityPassword:
    'Restore failed: the backup cannot be decrypted with this security password. Enter the cluster security password that was in effect when the backup was taken; if it was changed since, the old password is needed.',
  /** Guide L10344 / L10437. */
  hostMismatch: (what: string): string =>
    `Restore failed: ${what}. DRS does not restore across different hostnames, IP addresses, DNS configurations or deployment types.`,
  /** Table 42 DRFSecurityViolation (L10724). */
  securityViolation: 'drfCliMsg: The request contains a malicious pattern (directory traversal) and was blocked.',
  /** Guide L10490, L10492, L10494 (One-Step Restore). */
  oneStepWait: 'Please wait for 5 minutes until Publisher becomes cluster aware and do not start any backup or restore activity in this time period.',
  oneStepReady: 'Publisher has become cluster aware. Please select the servers and click on Restore to start the restore of entire cluster.',
  oneStepFailed: 'Publisher has failed to become cluster aware. Cannot start one-step restore. Please go ahead and do a normal two-step restore.',
  /** Guide L10486: only for a cluster backup whose features are registered on publisher and subscribers. */
  oneStepUnavailable: 'drfCliMsg: One-step restore is available only for a cluster backup whose selected features are registered on both publisher and subscriber nodes.',
  /** Guide L10103-10107. */
  noEstimate: 'drfCliMsg: Backup history does not exist for the selected feature(s). The backup size cannot be estimated before the first backup.',
  /** Guide L10418: restart after 100%. */
  restoreDone: 'Restore Completed. Restart the restored servers: the first node first, then the subsequent nodes.',
} as const;
