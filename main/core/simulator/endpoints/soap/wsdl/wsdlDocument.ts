import { AST_SOAP_NS, escapeXml } from '../xmlText.js';

/**
 * One child element: name, XSD type (`xsd:string`, `tns:CounterInfoType`, …) and whether it repeats. Every
 * child is declared minOccurs="0": the simulator answers Cisco's shapes, and a generated client need not send
 * the fields a request leaves empty.
 */
export type WsdlField = readonly [name: string, type: string, repeated?: boolean];

/** A named complex type: a sequence of child elements, in the order the node writes them. */
export interface WsdlComplexType {
  readonly name: string;
  readonly fields: readonly WsdlField[];
}

/** A named simple type: a string, optionally restricted to an enumeration. */
export interface WsdlSimpleType {
  readonly name: string;
  readonly values?: readonly string[];
}

/** One operation: its request children and its response children (document/literal, wrapped). */
export interface WsdlOperation {
  readonly name: string;
  readonly request: readonly WsdlField[];
  readonly response: readonly WsdlField[];
  /**
   * Document/literal bare instead of wrapped: each message's single part is this global element itself
   * (LogCollection's GetOneFile: the Body holds `<FileName>` and the answer `<GetOneFileReturn>`).
   */
  readonly bare?: { readonly request: WsdlField; readonly response: WsdlField };
}

/** A whole service: names as Cisco's WSDLs give them (reference B.1-B.5), its types and its operations. */
export interface WsdlService {
  readonly serviceName: string;
  readonly portName: string;
  readonly bindingName: string;
  readonly portTypeName: string;
  readonly complexTypes?: readonly WsdlComplexType[];
  readonly simpleTypes?: readonly WsdlSimpleType[];
  readonly operations: readonly WsdlOperation[];
}

const fieldXml = ([name, type, repeated]: WsdlField): string =>
  `<xsd:element name="${name}" type="${type}" minOccurs="0"${repeated ? ' maxOccurs="unbounded"' : ''}/>`;

const sequenceXml = (fields: readonly WsdlField[]): string => `<xsd:complexType><xsd:sequence>${fields.map(fieldXml).join('')}</xsd:sequence></xsd:complexType>`;

const elementXml = (name: string, fields: readonly WsdlField[]): string => `<xsd:element name="${name}">${sequenceXml(fields)}</xsd:element>`;

const complexTypeXml = (t: WsdlComplexType): string =>
  `<xsd:complexType name="${t.name}"><xsd:sequence>${t.fields.map(fieldXml).join('')}</xsd:sequence></xsd:complexType>`;

const simpleTypeXml = (t: WsdlSimpleType): string =>
  `<xsd:simpleType name="${t.name}">` +
  ((t.values ?? []).length === 0
    ? `<xsd:restriction base="xsd:string"/>`
    : `<xsd:restriction base="xsd:string">${(t.values ?? []).map((v) => `<xsd:enumeration value="${escapeXml(v)}"/>`).join('')}</xsd:restriction>`) +
  `</xsd:simpleType>`;

/** The message parts of an operation: `parameters` = the wrapper element, or the bare element by its own name. */
function messageParts(o: WsdlOperation): { input: string; output: string } {
  if (o.bare) {
    const [inName] = o.bare.request;
    const [outName] = o.bare.response;
    return {
      input: `<wsdl:part name="${inName}" element="tns:${inName}"/>`,
      output: `<wsdl:part name="${outName}" element="tns:${outName}"/>`,
    };
  }
  return {
    input: `<wsdl:part name="parameters" element="tns:${o.name}"/>`,
    output: `<wsdl:part name="parameters" element="tns:${o.name}Response"/>`,
  };
}

/**
 * A document/literal WSDL 1.1 in the `http://schemas.cisco.com/ast/soap` namespace with SOAPAction equal to
 * the operation name (reference B.0, [V] ZEEP WSDLs). Responses are typed with Cisco's named types
 * (ServiceInformationResponse, CounterInfoType, ObjectInfoType, …), so a client generated from the WSDL binds
 * every field by name.
 */
export function buildWsdl(service: WsdlService, location: string): string {
  const ops = service.operations;
  const elements = ops
    .map((o) =>
      o.bare
        ? `<xsd:element name="${o.bare.request[0]}" type="${o.bare.request[1]}"/><xsd:element name="${o.bare.response[0]}" type="${o.bare.response[1]}"/>`
        : elementXml(o.name, o.request) + elementXml(`${o.name}Response`, o.response),
    )
    .join('');
  const types = (service.simpleTypes ?? []).map(simpleTypeXml).join('') + (service.complexTypes ?? []).map(complexTypeXml).join('') + elements;
  const messages = ops
    .map((o) => {
      const parts = messageParts(o);
      return `<wsdl:message name="${o.name}Request">${parts.input}</wsdl:message><wsdl:message name="${o.name}Response">${parts.output}</wsdl:message>`;
    })
    .join('');
  const portOps = ops
    .map(
      (o) =>
        `<wsdl:operation name="${o.name}"><wsdl:input message="tns:${o.name}Request"/><wsdl:output message="tns:${o.name}Response"/></wsdl:operation>`,
    )
    .join('');
  const bindingOps = ops
    .map(
      (o) =>
        `<wsdl:operation name="${o.name}"><soap:operation soapAction="${o.name}"/>` +
        `<wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" ` +
    `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="${AST_SOAP_NS}" targetNamespace="${AST_SOAP_NS}">` +
    `<wsdl:types><xsd:schema targetNamespace="${AST_SOAP_NS}" elementFormDefault="qualified">${types}</xsd:schema></wsdl:types>` +
    messages +
    `<wsdl:portType name="${service.portTypeName}">${portOps}</wsdl:portType>` +
    `<wsdl:binding name="${service.bindingName}" type="tns:${service.portTypeName}">` +
    `<soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>${bindingOps}</wsdl:binding>` +
    `<wsdl:service name="${service.serviceName}"><wsdl:port name="${service.portName}" binding="tns:${service.bindingName}">` +
    `<soap:address location="${escapeXml(location)}"/></wsdl:port></wsdl:service>` +
    `</wsdl:definitions>\n`
  );
}
