import { clientFault, serverFault, type SoapFault } from './soapFault.js';

/**
 * What one SOAP request may cost a simulated node. Cisco documents no request-size or item limits for these
 * services except RisPort70's 1000 devices per answer (reference B.2, [T] MAXRETURNEDDEVICES_SCH_9_1 = 1000);
 * the other figures are designed: far above what any client in the reference sends (the largest, a
 * perfmonAddCounter of a whole node, is ~40 KB with a few hundred counters), and low enough that one request
 * costs milliseconds, so the five nodes sharing one process answer each other's clients on time.
 */
export const SOAP_LIMITS = {
  /** Largest request body (designed). */
  maxBodyBytes: 256 * 1024,
  /** Most elements in one request envelope, counted before parsing (designed). */
  maxElements: 5000,
  /** Most items in one list of a request (ServiceStatus, ServiceList, ArrayOfCounter, SelectItems, ...). */
  maxListItems: 1000,
  /** Most requests of one node waiting to be answered; beyond it the node answers busy (designed). */
  maxQueued: 64,
} as const;

// Fault texts follow Cisco's throttle wording (reference B.1/B.6: "Exceeded allowed rate for Perfmon
// information. Current allowed rate for perfmon information is 80 requests per minute.").

/** The fault for a body over the size limit. */
export function bodyTooLargeFault(limitBytes: number): SoapFault {
  return clientFault(`Exceeded allowed request size. Current allowed request size is ${limitBytes} bytes.`);
}

/** The fault for an envelope with more elements than allowed. */
export function tooManyElementsFault(count: number, limit: number): SoapFault {
  return clientFault(`Exceeded allowed number of elements in a request (${count}). Current allowed number of elements is ${limit} per request.`);
}

/** The fault for a list with more items than allowed. */
export function tooManyItemsFault(field: string, count: number, limit: number): SoapFault {
  return clientFault(`Exceeded allowed number of items in ${field} (${count}). Current allowed number of items is ${limit} per request.`);
}

/** The fault of a node whose request queue is full (HTTP 503, the throttle status of reference B.6). */
export function serverBusyFault(limit: number): SoapFault {
  return serverFault(`Exceeded allowed number of pending requests. Current allowed number of pending requests is ${limit}.`, 'POLL_RATE_LIMIT');
}

/** `items` unchanged, or the too-many-items fault when there are more than the list limit. */
export function limitItems<T>(items: T[], field: string, limit: number = SOAP_LIMITS.maxListItems): T[] {
  if (items.length > limit) throw tooManyItemsFault(field, items.length, limit);
  return items;
}

const LT = 0x3c;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const BANG = 0x21;

/**
 * Counts start tags (`<` not followed by `/`, `?` or `!`) in a raw body, stopping once past `stopAt`: a cheap
 * scan that bounds the parser's work before it starts.
 */
export function countStartTags(body: Uint8Array, stopAt = Number.POSITIVE_INFINITY): number {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  let count = 0;
  let i = bytes.indexOf(LT);
  while (i >= 0 && count <= stopAt) {
    const next = bytes[i + 1];
    if (next !== SLASH && next !== QUESTION && next !== BANG) count += 1;
    i = bytes.indexOf(LT, i + 1);
  }
  return count;
}
