import { AppError } from '../../../base/errors.js';
import type { ErrorCode } from '../../../../../shared/errors.js';

/** SOAP 1.1 fault codes as Axis writes them (`soapenv:Server` for the rate limit, reference B.1). */
export type SoapFaultCode = 'soapenv:Client' | 'soapenv:Server';

/**
 * A fault a SOAP operation answers with. Thrown by the service handlers and rendered by the server as an
 * HTTP 500 SOAP 1.1 Fault envelope (SOAP 1.1 section 6.2; reference B.1 "HTTP 500 with a SOAP Fault").
 */
export class SoapFault extends AppError {
  constructor(
    readonly faultCode: SoapFaultCode,
    readonly faultString: string,
    code: ErrorCode = faultCode === 'soapenv:Client' ? 'VALIDATION' : 'INTERNAL',
  ) {
    super(code, faultString);
  }
}

/** A client-side fault (bad request content). */
export function clientFault(faultString: string, code: ErrorCode = 'VALIDATION'): SoapFault {
  return new SoapFault('soapenv:Client', faultString, code);
}

/** A server-side fault (the node refuses or cannot answer). */
export function serverFault(faultString: string, code: ErrorCode = 'INTERNAL'): SoapFault {
  return new SoapFault('soapenv:Server', faultString, code);
}

/**
 * Cisco's Perfmon throttle text, verbatim from reference B.1/B.6 ([T] SIETE-PM and SIETE-INFLUX READMEs).
 * The limit is 80 by default; a node configured otherwise names its own limit.
 */
export function perfmonRateFaultText(limitPerMinute: number): string {
  return `Exceeded allowed rate for Perfmon information. Current allowed rate for perfmon information is ${limitPerMinute} requests per minute.`;
}

/**
 * Cisco's RisPort throttle text, with Cisco's spelling "Reatime" (reference B.2/B.6, [T] x4; the tail naming
 * the limit is [I] from a mock in the index).
 */
export function risRateFaultText(limitPerMinute: number): string {
  return `AxisFault: Exceeded allowed rate for Reatime information. Current allowed rate for realtime information is ${limitPerMinute} requests per minute.`;
}

/**
 * [I] The throttle text of LogCollectionPortTypeService. Cisco's wording for this service is not captured
 * (reference B.4/B.6 name no limit); it follows the Perfmon text of B.1 so clients that match "Exceeded allowed
 * rate for" (CT-MCP, our soapErrors.ts) treat it as the rate limit it is.
 */
export function logCollectionRateFaultText(limitPerMinute: number): string {
  return `Exceeded allowed rate for LogCollection information. Current allowed rate for logcollection information is ${limitPerMinute} requests per minute.`;
}

/** [I] The throttle text of DimeGetFileService, in the same form (reference B.5/B.6 capture none). */
export function dimeRateFaultText(limitPerMinute: number): string {
  return `Exceeded allowed rate for DIME GetOneFile requests. Current allowed rate for DIME GetOneFile requests is ${limitPerMinute} requests per minute.`;
}
