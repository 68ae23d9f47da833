import type { EndpointDegradation } from '../model/node/simNode.js';

/**
 * The model's degradation of an endpoint as the SSH, SNMP and SOAP servers take it: unresponsive, a delay, or
 * undefined for healthy (a zero delay is healthy).
 */
export function toWireDegradation(d: EndpointDegradation | undefined): { readonly delayMs: number } | { readonly unresponsive: true } | undefined {
  if (!d) return undefined;
  if (d.unresponsive) return { unresponsive: true };
  return d.delayMs && d.delayMs > 0 ? { delayMs: d.delayMs } : undefined;
}
