import { AST_SOAP_NS, escapeXml } from '../xmlText.js';

/** One child element of a request or response: name, XSD type and whether it repeats. */
export type WsdlField = readonly [name: string, type: string, repeated?: boolean];

/** One operation: its request children and its response children. */
export interface WsdlOperation {
  readonly name: string;
  readonly request: readonly WsdlField[];
  readonly response: readonly WsdlField[];
}

/** A whole service: names as Cisco's WSDLs give them (reference B.1-B.5) and its operations. */
export interface WsdlService {
  readonly serviceName: string;
  readonly portName: string;
  readonly bindingName: string;
  readonly portTypeName: string;
  readonly operations: readonly WsdlOperation[];
}

const fieldXml = ([name, type, repeated]: WsdlField): string =>
  `<xsd:element name="${name}" type="${type}" minOccurs="0"${repeated ? ' maxOccurs="unbounded"' : ''}/>`;

const elementXml = (name: string, fields: readonly WsdlField[]): string =>
  `<xsd:element name="${name}"><xsd:complexType><xsd:sequence>${fields.map(fieldXml).join('')}</xsd:sequence></xsd:complexType></xsd:element>`;

/**
 * A document/literal WSDL 1.1 in the `http://schemas.cisco.com/ast/soap` namespace with SOAPAction equal to
 * the operation name (reference B.0, [V] ZEEP WSDLs). Complex children are typed `xsd:anyType`: the WSDL names
 * every operation and element but does not repeat Cisco's full schema.
 */
export function buildWsdl(service: WsdlService, location: string): string {
  const ops = service.operations;
  const types = ops.map((o) => elementXml(o.name, o.request) + elementXml(`${o.name}Response`, o.response)).join('');
  const messages = ops
    .map(
      (o) =>
        `<wsdl:message name="${o.name}Request"><wsdl:part name="parameters" element="tns:${o.name}"/></wsdl:message>` +
        `<wsdl:message name="${o.name}Response"><wsdl:part name="parameters" element="tns:${o.name}Response"/></wsdl:message>`,
    )
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
