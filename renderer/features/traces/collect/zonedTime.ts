/**
 * Wall-clock times in a named time zone (IANA) to instants, through Intl only (no time zone library): the
 * absolute range of Collect Files is typed on the user's clock or on the reference node's (RTMT's "Reference
 * Server Time Zone", serviceability-reference.md A.6).
 */

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The zone's offset from UTC at an instant, in minutes (east positive). */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** Whether Intl knows the zone. */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant a wall-clock `YYYY-MM-DDTHH:mm[:ss]` names in `zone`, or undefined when the text or the zone is not
 * valid. In a DST gap the time is read with the offset before the change; in an overlap the earlier instant wins.
 */
export function zonedWallTimeToMs(wall: string, zone: string): number | undefined {
  const m = WALL.exec(wall);
  if (!m || !isKnownZone(zone)) return undefined;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(asUtc);
  // Date.UTC rolls 2026-02-30 over to March: refuse a date that does not exist.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  // The zone's offsets half a day either side are the only candidates (a change of offset is a rare event).
  const before = zoneOffsetMinutes(asUtc - 43_200_000, zone);
  const after = zoneOffsetMinutes(asUtc + 43_200_000, zone);
  const valid = [asUtc - before * 60_000, asUtc - after * 60_000].filter((c) => zoneOffsetMinutes(c, zone) * 60_000 === asUtc - c);
  // None valid: the time falls in a gap; read it with the offset before the change.
  return valid.length > 0 ? Math.min(...valid) : asUtc - before * 60_000;
}

/** The user's zone as the browser knows it. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The zones to choose from (Intl's list, UTC first). */
export function timeZones(): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return ['UTC', ...supported.filter((z) => z !== 'UTC')];
}
