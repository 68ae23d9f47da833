import type { LogCollectionBackend, LogFileInfo } from './serviceabilityBackend.js';
import { child, childText, stringList, type XmlValue } from './soapEnvelope.js';
import type { SlidingWindowRateLimiter } from './rateLimiter.js';
import { clientFault, logCollectionRateFaultText } from './soapFault.js';
import { dispatchOperation, xmlReply, type SoapService } from './soapService.js';
import { AST_SOAP_NS, el, leaf, responseElement } from './xmlText.js';
import { resolveLogTimeRange } from './logTimeRange.js';
import { logCollectionWsdl } from './wsdl/serviceWsdls.js';

/** The path of LogCollectionPortTypeService (reference B.4). */
export const LOG_COLLECTION_PATH = '/logcollectionservice2/services/LogCollectionPortTypeService';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** Java's `Date.toString()` in UTC (`Fri Jul 14 10:33:02 UTC 2023`), the modifiedDate form ([I]). */
export function formatJavaDate(d: Date): string {
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** The file's bytes or the not-found fault (reference B.5: a wrong path gets "File n…", [I] full text). */
export function readLogFile(backend: LogCollectionBackend, fileName: string): Uint8Array {
  const path = fileName.trim();
  if (path === '') throw clientFault('FileName is empty');
  const bytes = backend.readFile(path);
  if (!bytes) throw clientFault(`File not found: ${path}`, 'NOT_FOUND');
  return bytes;
}

function fileXml(f: LogFileInfo): string {
  const name = f.absolutePath.slice(f.absolutePath.lastIndexOf('/') + 1);
  return el(
    'File',
    leaf('name', name) + leaf('absolutepath', f.absolutePath) + leaf('filesize', f.size) + leaf('modifiedDate', formatJavaDate(f.modified)),
  );
}

/**
 * LogCollectionPortTypeService: listNodeServiceLogs, selectLogFiles and the bare-element GetOneFile of the
 * [V] ZEEP WSDL (request Body child `FileName`, response Body child `GetOneFileReturn`, base64).
 */
export function createLogCollectionService(backend: LogCollectionBackend, nodeName: string, now: () => number, limiter?: SlidingWindowRateLimiter): SoapService {
  const getOneFile = (fileName: string): string => {
    const path = fileName.trim();
    const bytes = readLogFile(backend, path);
    // The whole file goes out in this one answer (base64): the node counts it served through 'soap'.
    backend.recordServed?.(path, 'soap', 0, bytes.byteLength, bytes.byteLength);
    return `<ns1:GetOneFileReturn xmlns:ns1="${AST_SOAP_NS}">${Buffer.from(bytes).toString('base64')}</ns1:GetOneFileReturn>`;
  };

  const operations: Record<string, (body: XmlValue) => string> = {
    listNodeServiceLogs: () => {
      const logs = backend.listLogs();
      const items = (names: readonly string[]): string => names.map((n) => leaf('item', n)).join('');
      return responseElement(
        'listNodeServiceLogs',
        el('listNodeServiceLogsReturn', leaf('name', nodeName) + el('ServiceLog', items(logs.serviceLogs)) + el('SystemLog', items(logs.systemLogs))),
      );
    },
    selectLogFiles: (body) => {
      const c = child(body, 'FileSelectionCriteria');
      if (c === undefined) throw clientFault('FileSelectionCriteria is missing');
      const range = resolveLogTimeRange(
        {
          fromDate: childText(c, 'FromDate'),
          toDate: childText(c, 'ToDate'),
          timeZone: childText(c, 'TimeZone'),
          relText: childText(c, 'RelText'),
          relTime: childText(c, 'RelTime'),
        },
        now(),
      );
      const files = backend.selectFiles({
        serviceLogs: stringList(c, 'ServiceLogs'),
        systemLogs: stringList(c, 'SystemLogs'),
        searchString: childText(c, 'SearchStr'),
        ...range,
      });
      const byLog = new Map<string, LogFileInfo[]>();
      for (const f of files) byLog.set(f.logName, [...(byLog.get(f.logName) ?? []), f]);
      const serviceLogs = [...byLog].map(([name, list]) => el('ServiceLogs', leaf('name', name) + el('SetOfFiles', list.map(fileXml).join(''))));
      return responseElement(
        'selectLogFiles',
        el('ResultSet', el('SchemaFileSelectionResult', el('Node', leaf('name', nodeName) + el('ServiceList', serviceLogs.join(''))))),
      );
    },
    // The WSDL's document/literal GetOneFile: the Body holds <FileName> itself.
    FileName: (body) => getOneFile(typeof body === 'string' ? body : ''),
    // The wrapped form community scripts send (reference B.5) is answered the same way.
    GetOneFile: (body) => getOneFile(childText(body, 'FileName')),
  };
  return {
    path: LOG_COLLECTION_PATH,
    wsdl: logCollectionWsdl,
    ...(limiter ? { rateLimit: { limiter, faultText: logCollectionRateFaultText(limiter.options.limit) } } : {}),
    handle: (request) => xmlReply(dispatchOperation(operations, request)),
  };
}
