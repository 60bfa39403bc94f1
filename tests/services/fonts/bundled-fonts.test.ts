// The bundled fonts: fonts.json, the files scripts/fonts.mjs copies, their licences, their
// coverage of the fixture and their metrics.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FONTS_DIR, loadNodeFontProvider, readFontManifest } from '../../../electron/services/fonts/node-fonts';
import type { FontManifest } from '../../../shared/text/font-manifest';
import type { HbFontProvider } from '../../../shared/text/hb-provider';
import { splitByScript } from '../../../shared/text/script';
import { BUNDLED } from '../../../shared/text/style';

const fixture = readFileSync(new URL('../../../../shared/fixtures/taiyuan-daily-2024-01.txt', import.meta.url), 'utf8');
const require = createRequire(import.meta.url);

let manifest: FontManifest;
let provider: HbFontProvider;
beforeAll(async () => {
  manifest = await readFontManifest();
  provider = await loadNodeFontProvider();
});

describe('fonts.json and resources/fonts', () => {
  it('lists the eight bundled fonts, with the ids the text styles use', () => {
    expect(manifest.fonts.map((f) => f.id)).toEqual([
      'NotoSerifSC-Regular', 'NotoSerifSC-Bold', 'NotoSansSC-Regular', 'NotoSansSC-Bold',
      'NotoSerif-Regular', 'NotoSerif-Italic', 'NotoSerif-Bold', 'NotoSerif-BoldItalic',
    ]);
    for (const id of Object.values(BUNDLED)) expect(manifest.fonts.some((f) => f.id === id), id).toBe(true);
    expect(provider.fonts()).toEqual(manifest.fonts.map((f) => f.id));
  });

  it('has every font file, identical in size to its node_modules source, and TrueType', () => {
    for (const f of manifest.fonts) {
      const file = join(FONTS_DIR, f.file);
      expect(existsSync(file), `${file} (run node scripts/fonts.mjs)`).toBe(true);
      const [scope, name, ...rest] = f.source.split('/');
      const source = join(require.resolve(`${scope}/${name}/package.json`), '..', ...rest);
      expect(statSync(file).size).toBe(statSync(source).size);
      // sfnt version 0x00010000: TrueType outlines (glyf), not CFF.
      expect([...readFileSync(file).subarray(0, 4)]).toEqual([0, 1, 0, 0]);
    }
  });

  it('has the OFL licence of every font next to it', () => {
    for (const f of manifest.fonts) {
      const licence = manifest.licenses.find((l) => l.file === f.license);
      expect(licence?.spdx).toBe('OFL-1.1');
      expect(readFileSync(join(FONTS_DIR, f.license), 'utf8')).toMatch(/SIL Open Font License/);
    }
  });

  it('scripts/fonts.mjs --check finds everything in place', () => {
    const out = execFileSync(process.execPath, [join(FONTS_DIR, '..', '..', 'scripts', 'fonts.mjs'), '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/0 copied, 11 up to date, 0 problem/);
  });
});

describe('coverage of the fixture', () => {
  const chars = [...new Set(fixture.replace(/\n/g, ''))];

  it('every CJK font has every character of the fixture', () => {
    for (const id of ['NotoSerifSC-Regular', 'NotoSerifSC-Bold', 'NotoSansSC-Regular', 'NotoSansSC-Bold']) {
      const missing = chars.filter((c) => !provider.hasGlyph(id, c.codePointAt(0)!));
      expect(missing, id).toEqual([]);
    }
  });

  it('every Latin font has every character of the fixture’s Latin runs', () => {
    const latin = new Set<string>();
    for (const run of splitByScript(fixture, { language: 'zh-Hans' })) {
      if (run.script === 'Latn') for (const c of fixture.slice(run.start, run.end).replace(/\n/g, '')) latin.add(c);
    }
    expect(latin.size).toBeGreaterThan(40);
    for (const id of ['NotoSerif-Regular', 'NotoSerif-Italic', 'NotoSerif-Bold', 'NotoSerif-BoldItalic']) {
      const missing = [...latin].filter((c) => !provider.hasGlyph(id, c.codePointAt(0)!));
      expect(missing, id).toEqual([]);
    }
  });

  it('shaping the fixture yields no .notdef in Noto Serif SC', () => {
    for (const line of fixture.split('\n')) {
      const glyphs = provider.shape('NotoSerifSC-Regular', line, { script: 'Hani', language: 'zh-Hans' });
      expect(glyphs.filter((g) => g.glyph === 0), line).toEqual([]);
    }
  });
});

describe('metrics', () => {
  it('are sane for every font', () => {
    for (const id of provider.fonts()) {
      const m = provider.metrics(id);
      expect(m.unitsPerEm).toBe(1000);
      expect(m.ascender).toBeGreaterThan(m.capHeight);
      expect(m.capHeight).toBeGreaterThan(m.xHeight);
      expect(m.xHeight).toBeGreaterThan(0.4);
      expect(m.descender).toBeLessThan(0);
      expect(m.descender).toBeGreaterThan(-0.5);
      expect(m.clipAscender!).toBeGreaterThanOrEqual(m.ascender);
      expect(m.clipDescender!).toBeLessThanOrEqual(m.descender);
      expect(m.lineGap).toBe(0);
    }
  });

  it('give the ideographic em box of the CJK fonts', () => {
    for (const id of ['NotoSerifSC-Regular', 'NotoSansSC-Bold']) {
      const m = provider.metrics(id);
      expect(m.ascender).toBe(0.88);
      expect(m.descender).toBe(-0.12);
      expect(m.ideoBottom).toBe(-0.12);
      expect(m.ideoTop).toBe(0.88);
    }
    expect(provider.metrics('NotoSerif-Regular').ideoTop).toBeUndefined();
  });

  it('are the measured values of Noto Serif', () => {
    expect(provider.metrics('NotoSerif-Regular')).toMatchObject({ ascender: 1.069, descender: -0.293, capHeight: 0.714, xHeight: 0.536 });
    expect(provider.metrics('NotoSerifSC-Regular')).toMatchObject({ capHeight: 0.729, xHeight: 0.514, clipAscender: 1.151, clipDescender: -0.286 });
  });
});
