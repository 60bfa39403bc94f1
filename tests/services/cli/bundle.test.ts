// bin/pasteup.js runs the command from dist/cli.cjs (scripts/launch.cjs, bundle.mjs): built when
// missing, rebuilt when a source is newer, run with a V8 code cache; PASTEUP_NO_BUNDLE=1 (or
// no esbuild) runs the TypeScript through tsx. Tested on a copy of the checkout, so the
// real dist/ is never touched.
import { spawnSync } from 'node:child_process';
import { isAscii } from 'node:buffer';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './run-cli';

let copy: string;
beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'pasteup-bundle-'));
  for (const p of ['bin', 'scripts', 'electron', 'shared', 'resources/fonts/fonts.json', 'package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(REPO_ROOT, p), join(copy, p), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const fonts = join(REPO_ROOT, 'resources', 'fonts');
  for (const f of readdirSync(fonts).filter((n) => n.endsWith('.ttf'))) symlinkSync(join(fonts, f), join(copy, 'resources', 'fonts', f));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [join(copy, 'bin', 'pasteup.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the pasteup bundle', () => {
  const bundle = () => join(copy, 'dist', 'cli.cjs');
  /** The demo edition of copy/demo.pasteup (made by the export test below). */
  let demoEdition = '';

  it('is built on the first start, and answers like the sources run through tsx', () => {
    expect(existsSync(bundle())).toBe(false);
    const viaBundle = run(['--help']);
    expect(viaBundle.code).toBe(0);
    expect(existsSync(bundle())).toBe(true);
    // ASCII through and through: loadBundle reads it as Latin-1, without UTF-8 decoding.
    expect(isAscii(readFileSync(bundle()))).toBe(true);
    expect(isAscii(readFileSync(join(copy, 'dist', 'engine-worker.cjs')))).toBe(true);
    const viaTsx = run(['--help'], { PASTEUP_NO_BUNDLE: '1' });
    expect(viaTsx.code).toBe(0);
    expect(viaBundle.out).toBe(viaTsx.out);
    expect(viaBundle.out).toMatch(/Usage: pasteup <verb>/);
    // An error path too: exit code and stderr the same both ways.
    const a = run(['show', 'nope', '--library', join(copy, 'x.pasteup')]);
    const b = run(['show', 'nope', '--library', join(copy, 'x.pasteup')], { PASTEUP_NO_BUNDLE: '1' });
    expect(a.code).not.toBe(0);
    expect([a.code, a.err]).toEqual([b.code, b.err]);
  });

  it('keeps a code cache per verb and reuses the bundle while no source changed', () => {
    run(['typeset', '--help']);
    expect(readdirSync(join(copy, 'dist')).filter((f) => f.endsWith('.cache')).sort()).toContain('cli.cjs.typeset.cache');
    expect(readdirSync(join(copy, 'dist'))).toContain('cli.cjs.other.cache');
    const before = statSync(bundle()).mtimeMs;
    expect(run(['typeset', '--help']).code).toBe(0);
    expect(statSync(bundle()).mtimeMs).toBe(before);
  });

  it('is rebuilt when a source file is newer than it', () => {
    const before = statSync(bundle()).mtimeMs;
    const later = new Date(before + 5000);
    const source = join(copy, 'shared', 'model', 'index.ts');
    utimesSync(source, later, later);
    expect(run(['--help']).code).toBe(0);
    expect(statSync(bundle()).mtimeMs).toBeGreaterThan(before);
    // Back in the past, so that the next tests run a fresh bundle (not one rebuilt each time).
    utimesSync(source, new Date(before - 5000), new Date(before - 5000));
    const rebuilt = statSync(bundle()).mtimeMs;
    expect(run(['--help']).code).toBe(0);
    expect(statSync(bundle()).mtimeMs).toBe(rebuilt);
  });

  it('never runs an old code cache: an edit that keeps the bundle\'s length still changes what runs', () => {
    expect(run(['--help']).out).toContain('Every verb takes --help.');
    const main = join(copy, 'electron', 'cli', 'main.ts');
    const text = readFileSync(main, 'utf8');
    // V8 accepts a code cache for any source of the same length: same-length edit, newer file
    writeFileSync(main, text.replace('Every verb takes --help.', 'Every verb takes --HELP.'));
    const later = new Date(statSync(bundle()).mtimeMs + 5000);
    utimesSync(main, later, later);
    try {
      expect(run(['--help']).out).toContain('Every verb takes --HELP.');
    } finally {
      writeFileSync(main, text);
      utimesSync(main, new Date(later.getTime() + 1000), new Date(later.getTime() + 1000));
      expect(run(['--help']).out).toContain('Every verb takes --help.');
      // Back in the past, so that the next tests run this bundle, not one rebuilt each time.
      const past = new Date(statSync(bundle()).mtimeMs - 5000);
      utimesSync(main, past, past);
    }
  });

  it('exports the same PDF bytes as the sources, with only the names of pdf-lib\'s standard fonts in it', async () => {
    // scripts/bundle.mjs hands pdf-lib's utils the standard fonts' names alone, not the
    // package that inflates their encodings and holds their metrics.
    const code = readFileSync(bundle(), 'latin1');
    expect(/decompressJson|WinAnsi/.test(code), '@pdf-lib/standard-fonts is in the bundle').toBe(false);
    expect(/FontNames=\{Courier:"Courier",.*ZapfDingbats:"ZapfDingbats"\}/.test(code), 'the FontNames enum is missing').toBe(true);
    // pdf.ts writes the catalog as a plain dictionary: PDFCatalog would bring in the forms.
    expect(/pdf-lib\/cjs\/core\/acroform/.test(code), "pdf-lib's AcroForm modules are in the bundle").toBe(false);
    // The schemas are built with zod/mini (shared/zod.ts): the classic API binds ~50 methods
    // to every schema it builds and compiles a parser per object schema on its first parse.
    expect(code.includes('"ZodMiniObject"'), 'zod/mini is missing').toBe(true);
    expect(/"ZodObject"|generateFastpass/.test(code), "zod's classic API is in the bundle").toBe(false);
    const lib = join(copy, 'demo.pasteup');
    const demo = await runCli(['demo', '--library', lib, '--out', join(copy, 'demo-pdf'), '--json']);
    expect(demo.code, demo.err).toBe(0);
    const edition = String((JSON.parse(demo.out) as { edition: number }).edition);
    demoEdition = edition;
    const sums = (r: ReturnType<typeof run>) => {
      expect(r.code, r.err).toBe(0);
      return (JSON.parse(r.out) as { files: { sha256: string }[] }).files.map((f) => f.sha256);
    };
    const args = (out: string) => ['export', '--library', lib, '--edition', edition, '--out', join(copy, out), '--creation-date', '2024-01-27T06:00:00Z', '--json'];
    const viaBundle = sums(run(args('via-bundle')));
    expect(viaBundle).toHaveLength(3);
    expect(viaBundle).toEqual(sums(run(args('via-tsx'), { PASTEUP_NO_BUNDLE: '1' })));
  });

  it('runs without ES modules: harfbuzzjs as one script with a code cache, setting text the same', () => {
    const text = join(copy, 'typeset.txt');
    writeFileSync(text, '永和九年，岁在癸丑，暮春之初。Typeset “quotes” — and 2024.\n');
    const args = ['typeset', text, '--measure', '12', '--json'];
    // NODE_DEBUG=esm: Node's ES module loader names every module it loads. The launcher
    // (bin/pasteup.js, scripts/launch.cjs) is CommonJS and harfbuzzjs comes as a script.
    const viaScript = run(args, { NODE_DEBUG: 'esm' });
    expect(viaScript.code, viaScript.err).toBe(0);
    expect(viaScript.err).not.toMatch(/ESM \d+: Storing/);
    const script = join(copy, 'dist', 'harfbuzz.cjs');
    expect(isAscii(readFileSync(script))).toBe(true);
    expect(readdirSync(join(copy, 'dist'))).toContain('harfbuzz.cjs.cli.cjs.typeset.cache');
    // Through tsx the package's own ES modules set it (import-harfbuzz.ts): the same lines and
    // widths (the export test above compares the glyphs, in the PDFs' bytes).
    const viaPackage = run(args, { PASTEUP_NO_BUNDLE: '1', NODE_DEBUG: 'esm' });
    expect(viaPackage.code, viaPackage.err).toBe(0);
    expect(viaPackage.err).toMatch(/ESM \d+: Storing/); // the probe works
    expect(viaScript.out).toBe(viaPackage.out);
    // Without the script (another harfbuzzjs), the bundle imports the package.
    rmSync(script);
    const viaImport = run(args, { NODE_DEBUG: 'esm' });
    expect(viaImport.err).toMatch(/harfbuzzjs\/dist\/index\.mjs/);
    expect(viaImport.out).toBe(viaScript.out);
  });

  it('makes the harfbuzzjs script only from the shape of harfbuzzjs it knows', async () => {
    const { harfbuzzScriptSource } = (await import(pathToFileURL(join(copy, 'scripts', 'bundle.mjs')).href)) as { harfbuzzScriptSource: (dir?: string) => string | null };
    const source = harfbuzzScriptSource();
    expect(source).not.toBeNull();
    // The function it defines gives what the package exports.
    const dist = join(REPO_ROOT, 'node_modules', 'harfbuzzjs', 'dist');
    const make = new Function(`return ${source!}`)() as (req: NodeJS.Require, url: string) => Promise<Record<string, unknown>>;
    const exported = await make(createRequire(join(dist, 'harfbuzz.js')), pathToFileURL(join(dist, 'harfbuzz.js')).href);
    const pkg = (await import('harfbuzzjs')) as Record<string, unknown>;
    expect(Object.keys(exported).sort()).toEqual(Object.keys(pkg).sort());
    expect(exported.versionString).toBeTypeOf('function');
    expect((exported.versionString as () => string)()).toBe((pkg.versionString as () => string)());
    // Another shape: the top-level await gone, or a second `import.meta` use.
    const other = mkdtempSync(join(tmpdir(), 'pasteup-hb-'));
    const index = readFileSync(join(dist, 'index.mjs'), 'utf8');
    const hb = readFileSync(join(dist, 'harfbuzz.js'), 'utf8');
    writeFileSync(join(other, 'harfbuzz.js'), hb);
    writeFileSync(join(other, 'index.mjs'), index.replace('init(await createHarfBuzz());', 'export const ready = createHarfBuzz().then(init);'));
    expect(harfbuzzScriptSource(other)).toBeNull();
    writeFileSync(join(other, 'index.mjs'), index);
    expect(harfbuzzScriptSource(other)).not.toBeNull();
    writeFileSync(join(other, 'harfbuzz.js'), `${hb}\nconst where = import.meta.dirname;`);
    expect(harfbuzzScriptSource(other)).toBeNull();
    rmSync(other, { recursive: true, force: true });
  });

  it("loads Node's own modules before it changes a V8 flag, which makes V8 refuse their code cache", () => {
    // A preload wraps v8.setFlagsFromString and lists what Node loads after it.
    const probe = join(copy, 'probe.cjs');
    writeFileSync(
      probe,
      `const v8 = require('node:v8'); const set = v8.setFlagsFromString; let before = null;
       v8.setFlagsFromString = function (f) { before ??= new Set(process.moduleLoadList); return set.call(this, f); };
       process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(join(copy, 'after-flag.json'))}, JSON.stringify(before && process.moduleLoadList.filter((m) => !before.has(m)))));`,
    );
    expect(demoEdition).not.toBe('');
    const args = ['export', '--library', join(copy, 'demo.pasteup'), '--edition', demoEdition, '--out', join(copy, 'probe-pdf')];
    const r = spawnSync(process.execPath, ['-r', probe, join(copy, 'bin', 'pasteup.js'), ...args], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const after = JSON.parse(readFileSync(join(copy, 'after-flag.json'), 'utf8')) as string[] | null;
    expect(after).not.toBeNull(); // the flag was set
    const late = after!.filter((m) => /^NativeModule (crypto|zlib|fs\/promises|timers\/promises|os|perf_hooks|internal\/util\/parse_args\/parse_args)$/.test(m));
    expect(late).toEqual([]);
  });
});
