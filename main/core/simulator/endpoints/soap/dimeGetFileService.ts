import { randomBytes } from 'node:crypto';
import type { LogCollectionBackend } from './serviceabilityBackend.js';
import { childText, soapEnvelope, type XmlValue } from './soapEnvelope.js';
import { dispatchOperation, type SoapReply, type SoapService } from './soapService.js';
import { readLogFile } from './logCollectionService.js';
import { dimeWsdl } from './wsdl/serviceWsdls.js';

/** The path of DimeGetFileService (reference B.5: note no "2"). */
export const DIME_GET_FILE_PATH = '/logcollectionservice/services/DimeGetFileService';

const CRLF = '\r\n';

/**
 * Builds the multipart/related (SOAP with Attachments) response of GetOneFile: an XML root part whose
 * GetOneFileReturn points at the attachment by `cid:`, then the file bytes as a binary part (reference B.5,
 * [T] CT-MCP: "The file bytes are in the attachment part"). Part headers follow Axis 1's SwA writer ([I]).
 */
export function buildGetOneFileMultipart(bytes: Uint8Array): { contentType: string; chunks: Uint8Array[] } {
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
    chunks: [Buffer.from(head, 'utf8'), bytes, Buffer.from(tail, 'utf8')],
  };
}

/** DimeGetFileService: GetOneFile answered as multipart/related with the file as attachment. */
export function createDimeGetFileService(backend: LogCollectionBackend): SoapService {
  const operations: Record<string, (body: XmlValue) => SoapReply> = {
    GetOneFile: (body) => ({ kind: 'raw', ...buildGetOneFileMultipart(readLogFile(backend, childText(body, 'FileName'))) }),
  };
  return {
    path: DIME_GET_FILE_PATH,
    wsdl: dimeWsdl,
    handle: (request) => dispatchOperation(operations, request),
  };
}
