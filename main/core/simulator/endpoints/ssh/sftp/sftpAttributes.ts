import type { Attributes } from 'ssh2';

/** File type bits of a POSIX mode (what SFTP ATTRS carry). */
export const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;

/** Unix seconds from epoch milliseconds, as SFTP v3 ATTRS carry times. */
export function toUnixSeconds(ms: number): number {
  return Math.max(0, Math.floor(ms / 1000));
}

function permissionString(mode: number): string {
  const type = (mode & S_IFMT) === S_IFDIR ? 'd' : (mode & S_IFMT) === S_IFREG ? '-' : '?';
  const bits = 'rwxrwxrwx';
  let perm = '';
  for (let i = 0; i < 9; i++) perm += mode & (1 << (8 - i)) ? bits[i] : '-';
  return type + perm;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HALF_YEAR_S = 182 * 24 * 3600;

/**
 * An `ls -l` style line for SFTP READDIR "longname", in OpenSSH sftp-server's layout
 * ("%-10s %3u %-8s %-8s %8llu %s %s"); dates in UTC, with the year instead of the time when the file is
 * more than about six months away from `nowMs`.
 */
export function formatLongname(name: string, attrs: Attributes, owner: string, nowMs: number): string {
  const d = new Date(attrs.mtime * 1000);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const recent = Math.abs(toUnixSeconds(nowMs) - attrs.mtime) < HALF_YEAR_S;
  const when = recent
    ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
    : ` ${d.getUTCFullYear()}`;
  const links = (attrs.mode & S_IFMT) === S_IFDIR ? 2 : 1;
  return (
    `${permissionString(attrs.mode).padEnd(10)} ${String(links).padStart(3)} ${owner.padEnd(8)} ${owner.padEnd(8)} ` +
    `${String(attrs.size).padStart(8)} ${MONTHS[d.getUTCMonth()]} ${day} ${when.padStart(5)} ${name}`
  );
}
