import { randomBytes } from 'node:crypto';
import type { LogCollectionBackend } from './serviceabilityBackend.js';
import { childText, soapEnvelope, type XmlValue } from './soapEnvelope.js';
import type { SlidingWindowRateLimiter } from './rateLimiter.js';
import { dimeRateFaultText } from './soapFault.js';
import { dispatchOperation, type FileReply, type SoapService } from './soapService.js';
import { readLogFile } from './logCollectionService.js';
import { dimeWsdl } from './wsdl/serviceWsdls.js';

/** The path of DimeGetFileService (reference B.5: note no "2"). */
export const DIME_GET_FILE_PATH = '/logcollectionservice/services/DimeGetFileService';

const CRLF = '\r\n';

/**
 * Builds the multipart/related (SOAP with Attachments) response of GetOneFile: an XML root part whose
 * GetOneFileReturn points at the attachment by `cid:`, then the file bytes as a binary part (reference B.5,
 * [T] CT-MCP: "The file bytes are in the attachment part"). Part headers follow Axis 1's SwA writer ([I]): a quoted
 * boundary, CRLF, three header lines per part (wire-notes.md "DIME GetOneFile"). The file is not copied: the
 * server streams it between `head` and `tail`.
 */
export function buildGetOneFileMultipart(bytes: Uint8Array): { contentType: string; head: Buffer; file: Uint8Array; tail: Buffer } {
  const id = randomBytes(12).toString('hex').toUpperCase();
  const boundary = `----=_Part_${id}`;
  const rootId = `<${id}.root>`;
  const attachmentId = `${id}.attachment`;
  const envelope = soapEnvelope(
    `<ns1:GetOneFileResponse soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns1="http://schemas.cisco.com/ast/soap/">` +
      `<GetOneFileReturn href="cid:${attachmentId}"/></ns1:GetOneFileResponse>`,
  );
  const head =
    `--${boundary}${CRLF}Content-Type: text/xml; charset=UTF-8${CRLF}Content-Transfer-Encoding: binary${CRLF}` +
    `Content-Id: ${rootId}${CRLF}${CRLF}${envelope}${CRLF}` +
    `--${boundary}${CRLF}Content-Type: application/octet-stream${CRLF}Content-Transfer-Encoding: binary${CRLF}` +
    `Content-Id: <${attachmentId}>${CRLF}${CRLF}`;
  const tail = `${CRLF}--${boundary}--${CRLF}`;
  return {
    contentType: `multipart/related; type="text/xml"; start="${rootId}"; boundary="${boundary}"`,
    head: Buffer.from(head, 'utf8'),
    file: bytes,
    tail: Buffer.from(tail, 'utf8'),
  };
}

/**
 * DimeGetFileService: GetOneFile answered as multipart/related with the file as attachment, streamed from the
 * file's bytes; every slice the socket took is recorded in the node's served-bytes count (via 'dime'). `limiter`
 * is the service's throttle (soapServer.ts `dimePerMinute`).
 */
export function createDimeGetFileService(backend: LogCollectionBackend, limiter?: SlidingWindowRateLimiter): SoapService {
  const operations: Record<string, (body: XmlValue) => FileReply> = {
    GetOneFile: (body) => {
      const path = childText(body, 'FileName').trim();
      const bytes = readLogFile(backend, path);
      const size = bytes.byteLength;
      if (size === 0) backend.recordServed?.(path, 'dime', 0, 0, 0);
      return {
        kind: 'file',
        ...buildGetOneFileMultipart(bytes),
        onFileBytes: (offset, length) => backend.recordServed?.(path, 'dime', offset, length, size),
      };
    },
  };
  return {
    path: DIME_GET_FILE_PATH,
    wsdl: dimeWsdl,
    ...(limiter ? { rateLimit: { limiter, faultText: dimeRateFaultText(limiter.options.limit) } } : {}),
    handle: (request) => dispatchOperation(operations, request),
  };
}
