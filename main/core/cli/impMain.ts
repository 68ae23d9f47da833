/**
 * `npm run imp -- <area> <verb> [options]`: the composition root of the command line. It only builds the program
 * from its areas and runs it; the conventions every verb follows live in conventions/, each area in areas/.
 * Later areas (traces, drs, report, audit, operators) add a file in areas/ and one entry below.
 */
import { alarmsArea } from './areas/alarmsArea.js';
import { auditArea } from './areas/auditArea.js';
import { clustersArea } from './areas/clustersArea.js';
import { drsArea } from './areas/drsArea.js';
import { nodesArea } from './areas/nodesArea.js';
import { operatorsArea } from './areas/operatorsArea.js';
import { reportArea } from './areas/reportArea.js';
import { tracesArea } from './areas/tracesArea.js';
import { processIo } from './conventions/cliIo.js';
import { runImp } from './conventions/impProgram.js';

const AREAS = [clustersArea, nodesArea, tracesArea, drsArea, reportArea, alarmsArea, operatorsArea, auditArea];

process.exitCode = await runImp(process.argv.slice(2), AREAS, processIo());
