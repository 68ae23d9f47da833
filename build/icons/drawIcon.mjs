#!/usr/bin/env node
// Draws build/icons/icon.png (512x512 RGBA) with Node only: a rounded teal square with a white monitoring pulse.
// electron-builder derives the Windows .ico and macOS .icns from this PNG. Run: node build/icons/drawIcon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const px = Buffer.alloc(SIZE * SIZE * 4);
// The pulse: a polyline in a 0..1 box.
const pulse = [[0.14, 0.56], [0.34, 0.56], [0.42, 0.36], [0.52, 0.74], [0.6, 0.28], [0.68, 0.56], [0.86, 0.56]].map(([x, y]) => [x * SIZE, y * SIZE]);

function segDist(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}
function roundedBoxDist(x, y, half, r) {
  const qx = Math.abs(x - SIZE / 2) - (half - r), qy = Math.abs(y - SIZE / 2) - (half - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const cx = x + 0.5, cy = y + 0.5;
    const box = Math.max(0, Math.min(1, 0.5 - roundedBoxDist(cx, cy, 240, 96)));
    let d = Infinity;
    for (let i = 1; i < pulse.length; i++) d = Math.min(d, segDist(cx, cy, pulse[i - 1], pulse[i]));
    const line = Math.max(0, Math.min(1, 15 - d + 0.5));
    const shade = 1 - cy / SIZE / 2.5;
    const bg = [Math.round(16 * shade), Math.round(124 * shade), Math.round(140 * shade)];
    const o = (y * SIZE + x) * 4;
    for (let c = 0; c < 3; c++) px[o + c] = Math.round(bg[c] * (1 - line) + 255 * line);
    px[o + 3] = Math.round(255 * box);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) px.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
const out = new URL('./icon.png', import.meta.url);
writeFileSync(out, png);
console.log(`wrote ${out.pathname} (${png.length} bytes)`);
