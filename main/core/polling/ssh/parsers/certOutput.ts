/**
 * `show cert list own|trust` and `show cert own|trust <unit>/<file>` (guide Ch11 L4284-4858: the certificate units
 * tomcat, cup, cup-xmpp, cup-xmpp-s2s, ipsec and their -trust stores, Table 15 L4320-4329). The list prints
 * `<unit>/<file>: <description>` per certificate; the detail is the Java X509 text UC OS prints, read in both
 * forms seen: UC OS's `Subject Name:` / `Issuer Name:` / `Validity From: … To: …` (reports-design.md, designed:
 * no real sample) and Java's own `Subject:` / `Issuer:` / `Validity: [From: …, To: …]` / `SerialNumber: [ … ]`.
 * Dates are Java's Date.toString, "EEE MMM dd HH:mm:ss zzz yyyy"; a zone abbreviation we do not know is read as
 * UTC and said so (zoneAssumedUtc), never guessed silently.
 */
import { parseError, parsed, precheck, type ParseResult } from './reportText.js';

export interface CertListEntry {
  readonly unit: string;
  readonly fileName: string;
  readonly description: string;
}

export interface CertDetail {
  readonly subject: string;
  readonly issuer: string;
  readonly serial?: string;
  readonly signatureAlgorithm?: string;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly zoneAssumedUtc: boolean;
}

/** The designed refusal `Certificate not found: <arg>` (printed with `Executed command unsuccessfully`). */
const NOT_FOUND = /^Certificate not found\b/i;

const LIST_ROW = /^([A-Za-z0-9_.-]+)\/([^\s:/][^:/]*?):\s*(.*)$/;

/** Parses `show cert list own|trust`. */
export function parseCertList(text: string, node = ''): ParseResult<CertListEntry[]> {
  const pre = precheck(text, node, 'show cert list', NOT_FOUND);
  if (!pre.ok) return pre;
  const out: CertListEntry[] = [];
  for (const raw of pre.value) {
    const line = raw.trim();
    if (line === '') continue;
    const m = LIST_ROW.exec(line);
    if (!m) return parseError(node, 'a show cert list line', line);
    out.push({ unit: m[1]!, fileName: m[2]!.trim(), description: m[3]! });
  }
  return parsed(out);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Zone abbreviations Java prints, in minutes east of UTC. Ambiguous ones take Java's own meaning of the ID
 * (TimeZone.getTimeZone: CST = America/Chicago, IST = Asia/Kolkata, BST = Europe/London summer).
 */
const ZONES: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, UT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600,
  AST: -240, ADT: -180, NST: -210, NDT: -150, IST: 330, PKT: 300, ICT: 420, WIB: 420, HKT: 480, SGT: 480, AWST: 480, PHT: 480,
  JST: 540, KST: 540, ACST: 570, ACDT: 630, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};

/** Minutes east of UTC of a numeric zone (`+08:00`, `-05`, `GMT+08:00`, `UTC-0500`), else undefined. */
function numericZone(zone: string): number | undefined {
  const m = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return undefined;
  const h = Number(m[2]);
  const min = Number(m[3] ?? 0);
  if (h > 14 || min > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + min);
}

/** A Java date "Tue Feb 13 13:40:19 UTC 2024" → epoch ms and whether its zone was assumed to be UTC. */
export function parseJavaDate(text: string): { ms: number; zoneAssumedUtc: boolean } | undefined {
  const m = /^(?:[A-Za-z]{3},?\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\S+)\s+(\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]!.toLowerCase());
  const [day, h, min, s, year] = [Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[7])];
  if (month < 0 || day < 1 || day > 31 || h > 23 || min > 59 || s > 60) return undefined;
  const zone = m[6]!.toUpperCase();
  const known = ZONES[zone] ?? numericZone(zone);
  const local = Date.UTC(year, month, day, h, min, Math.min(s, 59));
  if (new Date(local).getUTCDate() !== day) return undefined;
  return { ms: local - (known ?? 0) * 60_000, zoneAssumedUtc: known === undefined };
}

function field(lines: readonly string[], re: RegExp): string | undefined {
  for (const l of lines) {
    const m = re.exec(l);
    if (m) return m[1]!.trim();
  }
  return undefined;
}

/** Parses `show cert own|trust <unit>/<file>`. */
export function parseCertDetail(text: string, node = ''): ParseResult<CertDetail> {
  const pre = precheck(text, node, 'show cert', NOT_FOUND);
  if (!pre.ok) return pre;
  const lines = pre.value.map((l) => l.trim());
  const subject = field(lines, /^Subject(?: Name)?:\s*(.+)$/i);
  const issuer = field(lines, /^Issuer(?: Name)?:\s*(.+)$/i);
  if (!subject || !issuer) return parseError(node, 'the certificate (no Subject or Issuer line)', lines.find((l) => l !== ''));
  const serialText = field(lines, /^Serial ?Number:\s*\[?\s*([0-9A-Fa-f][0-9A-Fa-f :]*?)\s*\]?$/i);
  const signatureAlgorithm = field(lines, /^Signature ?Algorithm:\s*([A-Za-z0-9_.-]+)/i);
  // `Validity From: <date>` + `To: <date>` (UC OS) or `Validity: [From: <date>,` + `To: <date>]` (Java).
  const from = field(lines, /^Validity(?::\s*\[)?\s*From:\s*(.+?),?$/i);
  const to = field(lines, /^To:\s*(.+?)\]?$/i);
  if (from === undefined || to === undefined) return parseError(node, 'the certificate validity (no From/To lines)', lines.find((l) => /^Validity/i.test(l)));
  const notBefore = parseJavaDate(from);
  if (!notBefore) return parseError(node, 'the certificate validity start', from);
  const notAfter = parseJavaDate(to);
  if (!notAfter) return parseError(node, 'the certificate validity end', to);
  return parsed({
    subject,
    issuer,
    ...(serialText ? { serial: serialText.replace(/[\s:]/g, '').toUpperCase() } : {}),
    ...(signatureAlgorithm ? { signatureAlgorithm } : {}),
    notBeforeMs: notBefore.ms,
    notAfterMs: notAfter.ms,
    zoneAssumedUtc: notBefore.zoneAssumedUtc || notAfter.zoneAssumedUtc,
  });
}
