#!/usr/bin/env node
// Draws the extension's Marketplace icon, resources/icon.png (128×128 RGBA), from the outline of the
// activity bar icon resources/napcat.svg: a cat's head on a stand, white on a dark rounded square.
// Plain Node (zlib for the PNG), 4×4 samples per pixel for smooth edges; the output is the same on
// every run, so the committed file can be checked against it.
//
// Usage: node scripts/icon.mjs [out.png]   (default: resources/icon.png)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 128;
const SAMPLES = 4;
const BACKGROUND = [0x1e, 0x2a, 0x3a];
const INK = [0xf5, 0xf7, 0xfa];
const ACCENT = [0x4c, 0xc2, 0xff];

// The drawing is in napcat.svg's 24×24 units, centred with a margin.
const SCALE = SIZE / 28;
const OFFSET = 2;
const toUnits = (px) => px / SCALE - OFFSET;

/** napcat.svg's head: M4 10 V3.5 l4.5 3.5 h7 L20 3.5 V10 c0 5 -3.6 8.5 -8 8.5 S4 15 4 10 z, as a polygon. */
function headPolygon() {
  const points = [[4, 10], [4, 3.5], [8.5, 7], [15.5, 7], [20, 3.5], [20, 10]];
  const cubic = (p0, p1, p2, p3) => {
    for (let i = 1; i <= 24; i++) {
      const t = i / 24;
      const u = 1 - t;
      points.push([0, 1].map((k) => u * u * u * p0[k] + 3 * u * u * t * p1[k] + 3 * u * t * t * p2[k] + t * t * t * p3[k]));
    }
  };
  cubic([20, 10], [20, 15], [16.4, 18.5], [12, 18.5]);
  // S4 15 4 10: the first control point mirrors the previous one (16.4, 18.5) around (12, 18.5).
  cubic([12, 18.5], [7.6, 18.5], [4, 15], [4, 10]);
  return points;
}

function insidePolygon(poly, x, y) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function insideRoundedSquare(px, py) {
  const r = 24;
  const cx = Math.min(Math.max(px, r), SIZE - r);
  const cy = Math.min(Math.max(py, r), SIZE - r);
  return Math.hypot(px - cx, py - cy) <= r;
}

const HEAD = headPolygon();
const EYES = [[9, 11.5], [15, 11.5]];
const STAND = [[[12, 18.5], [12, 22]], [[8.5, 22], [15.5, 22]]];

/** The colour of one sample point (pixels), or undefined outside the icon. */
function sample(px, py) {
  if (!insideRoundedSquare(px, py)) return undefined;
  const x = toUnits(px);
  const y = toUnits(py);
  if (EYES.some(([ex, ey]) => Math.hypot(x - ex, y - ey) <= 1.3)) return ACCENT;
  if (insidePolygon(HEAD, x, y)) return INK;
  if (STAND.some(([a, b]) => distanceToSegment(x, y, a, b) <= 0.9)) return INK;
  return BACKGROUND;
}

function render() {
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let py = 0; py < SIZE; py++) {
    const row = py * (SIZE * 4 + 1);
    rows[row] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (!colour) continue;
          covered++;
          for (let k = 0; k < 3; k++) sum[k] += colour[k];
        }
      }
      const at = row + 1 + px * 4;
      for (let k = 0; k < 3; k++) rows[at + k] = covered ? Math.round(sum[k] / covered) : 0;
      rows[at + 3] = Math.round((covered * 255) / (SAMPLES * SAMPLES));
    }
  }
  return rows;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The icon as PNG bytes. */
export function iconPng() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(render(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? path.join(ROOT, 'resources', 'icon.png'));
  fs.writeFileSync(out, iconPng());
  console.log(out);
}
