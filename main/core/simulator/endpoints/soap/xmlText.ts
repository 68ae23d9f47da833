/**
 * Writing XML text: escaping and the `ns1:`-qualified elements Cisco's document/literal responses use
 * (reference B.2: responses are prefixed `ns1:`, e.g. `ns1:selectCmDeviceResponse/ns1:selectCmDeviceReturn`).
 */

/** The namespace of every Serviceability operation (reference B.0). */
export const AST_SOAP_NS = 'http://schemas.cisco.com/ast/soap';

// Characters XML 1.0 cannot carry at all; they are dropped rather than producing a broken document.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for element content and attribute values. */
export function escapeXml(value: string | number | boolean): string {
  return String(value)
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** `<ns1:name>inner</ns1:name>` where `inner` is already XML. */
export function el(name: string, inner = ''): string {
  return inner === '' ? `<ns1:${name}/>` : `<ns1:${name}>${inner}</ns1:${name}>`;
}

/** `<ns1:name>escaped text</ns1:name>`. */
export function leaf(name: string, value: string | number | boolean): string {
  return el(name, escapeXml(value));
}

/** The operation's response element, declaring the `ns1` prefix: `<ns1:{op}Response xmlns:ns1=...>`. */
export function responseElement(operation: string, inner: string): string {
  const name = `${operation}Response`;
  return inner === ''
    ? `<ns1:${name} xmlns:ns1="${AST_SOAP_NS}"/>`
    : `<ns1:${name} xmlns:ns1="${AST_SOAP_NS}">${inner}</ns1:${name}>`;
}
