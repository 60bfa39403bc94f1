// The total-ink measure of CMYK pictures (shared/images/jpeg-ink.ts), run when a picture is
// stored: a camera-sized CMYK photo (5000 × 3000, 15 MP; gradients, texture and noise, JPEG
// quality about 85) made by Ghostscript's DCTEncode, baseline and progressive (jpegtran), and
// for comparison jpeg-js decoding the whole baseline file (what the measure avoids).
import { performance } from 'node:perf_hooks';
import { readJpeg } from '../shared/images/jpeg';
import { measureInk } from '../shared/images/jpeg-ink';
import { dctJpeg, jpegtran } from '../tests/helpers/jpeg';
import { ms, type BenchRow } from './table';

const W = 5000;
const H = 3000;

function photo(): Uint8Array {
  const out = new Uint8Array(W * H * 4);
  let seed = 7;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const base = 128 + 90 * Math.sin(x / 211) * Math.cos(y / 157);
      for (let k = 0; k < 4; k++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const v = base + 30 * Math.sin((x + k * 50) / (9 + k)) + ((seed >> 16) % 24) - 12;
        out[(y * W + x) * 4 + k] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  return out;
}

function timed(jpeg: Uint8Array): number[] {
  const info = readJpeg(jpeg);
  const times: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    measureInk(jpeg, info);
    times.push(performance.now() - t);
  }
  return times;
}

export async function benchPictureInk(): Promise<BenchRow[]> {
  const baseline = dctJpeg(photo(), W, H, 4, { qFactor: 0.3 });
  const progressive = jpegtran(baseline, '-progressive');
  const rows: BenchRow[] = [];
  for (const [name, jpeg] of [['baseline', baseline], ['progressive', progressive]] as const) {
    const [first, ...warm] = timed(jpeg);
    const mb = (jpeg.length / 1e6).toFixed(1);
    rows.push({ name: `total ink, 15 MP CMYK ${name} (${mb} MB), first`, value: ms(first), goal: 'once per picture stored' });
    rows.push({ name: `total ink, 15 MP CMYK ${name}, warm median`, value: ms(warm.sort((a, b) => a - b)[1]), goal: '' });
  }
  const { decode } = await import('jpeg-js');
  const t = performance.now();
  decode(baseline, { maxMemoryUsageInMB: 2048, maxResolutionInMP: 100 });
  rows.push({ name: 'jpeg-js full decode of the baseline file (for comparison)', value: ms(performance.now() - t), goal: '' });
  return rows;
}
