import type { AreaDefinition } from '../conventions/verb.js';
import { backup, cancel, estimate, files, history, status } from './drsBackupVerbs.js';
import { deviceAdd, deviceDelete, devices, registration } from './drsDeviceVerbs.js';
import { afterRestore, oneStep, restart, restore } from './drsRestoreVerbs.js';
import { securityPassword } from './drsSecurityVerbs.js';
import { scheduleAdd, scheduleDelete, scheduleDisable, scheduleEnable, schedules } from './drsScheduleVerbs.js';

/**
 * `imp drs …`: the Disaster Recovery System on the command line (issue 13 "Command line"; guide L10015-10780),
 * driven through the CUCM publisher's admin CLI with the app's own DrsOperations, so each verb does what the
 * matching wizard step does.
 */
export const drsArea: AreaDefinition = {
  name: 'drs',
  summary: 'Disaster Recovery System: devices, schedules, backup, history, restore and what to do after it',
  verbs: [
    registration,
    devices,
    deviceAdd,
    deviceDelete,
    schedules,
    scheduleAdd,
    scheduleEnable,
    scheduleDisable,
    scheduleDelete,
    estimate,
    backup,
    status,
    cancel,
    history,
    files,
    restore,
    oneStep,
    afterRestore,
    restart,
    securityPassword,
  ],
};
