// Draws the app icons (public/icons/*.png and icon.svg) from one shape, with no image library:
// PNG is zlib-compressed RGBA rows plus three CRC'd chunks. Run `node src/app/drawIcons.mjs` after
// changing the design; the PNGs are committed so a build needs nothing but this repository.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const OUT = path.resolve('public/icons');
const BLUE = [0x1d, 0x70, 0xb8, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < size; x++) rows.set(pixel(x + 0.5, y + 0.5), row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// The mark, in units of the icon's size: a "C" ring open to the right with a tick inside it.
// `scale` shrinks it for the maskable icon, whose safe zone is the middle 80% circle.
function isMark(u, v, scale) {
  const x = (u - 0.5) / scale;
  const y = (v - 0.5) / scale;
  const r = Math.hypot(x, y);
  const angle = Math.atan2(y, x);
  const isRing = r > 0.26 && r < 0.36 && Math.abs(angle) > Math.PI / 4;
  const distToSegment = (ax, ay, bx, by) => {
    const t = Math.max(
      0,
      Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
    );
    return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
  };
  const isTick =
    Math.min(distToSegment(-0.12, 0.0, -0.02, 0.1), distToSegment(-0.02, 0.1, 0.16, -0.1)) < 0.045;
  return isRing || isTick;
}

function roundedSquare(size) {
  const radius = size * 0.18;
  return (x, y) => {
    const dx = Math.max(radius - x, 0, x - (size - radius));
    const dy = Math.max(radius - y, 0, y - (size - radius));
    if (Math.hypot(dx, dy) > radius) return CLEAR;
    return isMark(x / size, y / size, 1) ? WHITE : BLUE;
  };
}
function fullBleed(size) {
  return (x, y) => (isMark(x / size, y / size, 0.72) ? WHITE : BLUE);
}

mkdirSync(OUT, { recursive: true });
writeFileSync(path.join(OUT, 'icon-192.png'), png(192, roundedSquare(192)));
writeFileSync(path.join(OUT, 'icon-512.png'), png(512, roundedSquare(512)));
writeFileSync(path.join(OUT, 'icon-maskable-512.png'), png(512, fullBleed(512)));
writeFileSync(
  path.join(OUT, 'icon.svg'),
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" role="img" aria-label="Clearway">
  <rect width="100" height="100" rx="18" fill="#1d70b8"/>
  <path d="M77.8 22.2 A31 31 0 1 0 77.8 77.8" fill="none" stroke="#fff" stroke-width="10"/>
  <path d="M38 50 L48 60 L66 40" fill="none" stroke="#fff" stroke-width="9" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`,
);
console.log(`Wrote icons to ${OUT}`);
