import { REPORT_KINDS } from '../../../../shared/model/reports.js';
import type { AreaDefinition } from '../conventions/verb.js';
import { findUserVerb } from './reportFindUser.js';
import { reportVerb } from './reportVerb.js';

/**
 * `imp report …`: the Reports area on the command line (issue 14) — one verb per report kind (sessions, topology,
 * ha-readiness, troubleshoot, users, certificates, replication, dashboard) and find-user, each generated now from
 * the nodes with the app's own generators.
 */
export const reportArea: AreaDefinition = {
  name: 'report',
  summary: 'reports and diagnostics: sessions, topology, HA readiness, System Troubleshooter, users, certificates, replication, dashboard, find a user',
  verbs: [...REPORT_KINDS.map(reportVerb), findUserVerb],
};
