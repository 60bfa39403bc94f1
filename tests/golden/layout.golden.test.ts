// Golden layouts: every article of the fixture page in the bundled fonts, laid out into the
// 4-column frame of fixture-layout.ts, compared with the snapshots committed in
// tests/golden/layouts/ (one JSON file per article).
//
// A snapshot holds every line of the deck and of every column — role, text, x, y, width,
// measure, justified, last, numbers rounded to 0.001 pt — the photos, the jump lines, the
// overset, the warnings and the fonts used, plus `sha256`: the hash of the full ArticleLayout
// JSON (glyph ids and positions, clusters, ranges). A change the line summary cannot show (a
// glyph moved, another glyph id) still changes the hash.
//
// To accept a deliberate change to the engine's output, regenerate the files and review the diff:
//
//   UPDATE_GOLDEN=1 npx vitest run tests/golden
//
// Without UPDATE_GOLDEN, any difference fails with a line diff of the snapshot.
//
// The tests below the snapshots assert real properties of the same layouts, so that a wrong
// snapshot cannot be accepted silently: justified lines fill their measure, no line breaks a
// clreq prohibition, and no text is lost or duplicated (what is not placed is the overset).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadNodeFontProvider } from '../../electron/services/fonts/node-fonts';
import type { ArticleContent } from '../../shared/model';
import { defaultArticleStyles, editorCreditText, type ArticleLayout, type LaidLine, type LineRole } from '../../shared/layout';
import { cannotEndLine, cannotStartLine } from '../../shared/text/kinsoku';
import { fixtureLayouts, GOLDEN_FRAME, GOLDEN_GRID, type FixtureLayout } from './fixture-layout';

const here = dirname(fileURLToPath(import.meta.url));
const GOLDEN_DIR = join(here, 'layouts');
const FIXTURE = join(here, '..', '..', '..', 'shared', 'fixtures', 'taiyuan-daily-2024-01.txt');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const provider = await loadNodeFontProvider();
const layouts = fixtureLayouts(provider, readFileSync(FIXTURE, 'utf8'));

// ---------------------------------------------------------------------------------------
// Snapshot format

const r3 = (v: number): number => {
  const r = Math.round(v * 1000) / 1000;
  return r === 0 ? 0 : r; // no -0
};

function line(l: LaidLine) {
  return { role: l.role, text: l.text, x: r3(l.x), y: r3(l.y), width: r3(l.width), measure: r3(l.measure), justified: l.justified, last: l.last };
}

function snapshot(f: FixtureLayout) {
  const { layout } = f;
  return {
    name: f.name,
    articleIndex: f.articleIndex,
    kind: f.article.kind,
    headline: f.headline,
    frame: f.frame,
    overset: layout.overset,
    warnings: layout.warnings,
    fonts: layout.fonts,
    sha256: createHash('sha256').update(JSON.stringify(layout)).digest('hex'),
    frames: layout.frames.map((fr) => ({
      frame: fr.frame,
      part: fr.part,
      rect: [r3(fr.x), r3(fr.y), r3(fr.width), r3(fr.height)],
      overset: fr.overset,
      photos: fr.photos.map((p) => ({ x: r3(p.x), y: r3(p.y), width: r3(p.width), height: r3(p.height), block: p.block, asset: p.asset })),
      jumpIn: fr.jumpIn && line(fr.jumpIn),
      jumpOut: fr.jumpOut && line(fr.jumpOut),
      deck: fr.deck.map(line),
      columns: fr.columns.map((c) => ({ x: r3(c.x), width: r3(c.width), lines: c.lines.map(line) })),
    })),
  };
}

/** JSON, two-space indented, but an object or array of primitives (a line, a rect) on one line: compact, and diffs by line. */
function formatJson(v: unknown, indent = ''): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const entries: [string | null, unknown][] = Array.isArray(v) ? v.map((x) => [null, x]) : Object.entries(v);
  const flat = entries.every(([, x]) => x === null || typeof x !== 'object');
  if (flat || entries.length === 0) return JSON.stringify(v);
  const inner = indent + '  ';
  const body = entries.map(([k, x]) => `${inner}${k === null ? '' : `${JSON.stringify(k)}: `}${formatJson(x, inner)}`).join(',\n');
  return Array.isArray(v) ? `[\n${body}\n${indent}]` : `{\n${body}\n${indent}}`;
}

// ---------------------------------------------------------------------------------------

describe('golden layouts of the fixture page', () => {
  it('lays out all eight articles of the fixture', () => {
    expect(layouts.map((l) => l.name)).toEqual(['00-story', '01-story', '02-story', '03-story', '04-story', '05-briefs', '06-photo', '07-briefs']);
  });

  it.each(layouts.map((l) => [l.name, l] as const))('%s matches its snapshot in tests/golden/layouts/', (name, l) => {
    const file = join(GOLDEN_DIR, `${name}.json`);
    const actual = formatJson(snapshot(l)) + '\n';
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(file, actual);
      return;
    }
    expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/golden`).toBe(true);
    const expected = readFileSync(file, 'utf8');
    // A string comparison: vitest prints a line diff of the two snapshots.
    expect(actual, `${name}: the layout differs from ${file} (if the change is intended: UPDATE_GOLDEN=1 npx vitest run tests/golden, then review the diff)`).toBe(expected);
  });

  it('has no stale snapshot files', () => {
    const names = new Set(layouts.map((l) => `${l.name}.json`));
    const files = existsSync(GOLDEN_DIR) ? readdirSync(GOLDEN_DIR).filter((f) => f.endsWith('.json')) : [];
    const stale = files.filter((f) => !names.has(f));
    if (UPDATE) {
      for (const f of stale) rmSync(join(GOLDEN_DIR, f));
      return;
    }
    expect(stale, 'snapshots of no fixture article: run UPDATE_GOLDEN=1 npx vitest run tests/golden').toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------
// Properties of the same layouts

function allLines(layout: ArticleLayout): LaidLine[] {
  return layout.frames.flatMap((f) => [...f.deck, ...(f.jumpIn ? [f.jumpIn] : []), ...f.columns.flatMap((c) => c.lines), ...(f.jumpOut ? [f.jumpOut] : [])]);
}

function columnLines(layout: ArticleLayout): LaidLine[] {
  return layout.frames.flatMap((f) => f.columns.flatMap((c) => c.lines));
}

function nonSpaceLength(s: string): number {
  let n = 0;
  for (const ch of s) if (!/\s/u.test(ch)) n++;
  return n;
}

interface FlowText {
  role: LineRole;
  block: number;
  paragraph: number;
  text: string;
}

/**
 * What an article should put into its columns, in order, as the newsroom expects it: the
 * byline; paragraphs (the first after the lead `本报讯　` (ideographic space), the last followed by the credit
 * `（何宝国）`); crossheads; brief titles (■) and their paragraphs; photo captions with the
 * photographer; the credit and the editor's credit on their own lines.
 */
function expectedFlow(a: ArticleContent): FlowText[] {
  const zh = a.language === 'zh';
  const out: FlowText[] = [];
  if (a.byline) out.push({ role: 'byline', block: -1, paragraph: 0, text: a.byline });
  const lastParagraph = a.body.map((b) => b.type).lastIndexOf('paragraph');
  let first = true;
  a.body.forEach((b, i) => {
    switch (b.type) {
      case 'paragraph': {
        let text = b.text;
        if (first && a.lead) text = `${a.lead}\u3000${text}`;
        first = false;
        if (i === lastParagraph && a.credit) text += zh ? `（${a.credit}）` : ` (${a.credit})`;
        out.push({ role: 'body', block: i, paragraph: 0, text });
        break;
      }
      case 'subhead':
        out.push({ role: 'crosshead', block: i, paragraph: 0, text: b.text });
        break;
      case 'brief':
        out.push({ role: 'brief-title', block: i, paragraph: 0, text: zh ? `■${b.title}` : b.title });
        b.paragraphs.forEach((p, j) => out.push({ role: 'body', block: i, paragraph: j, text: p.text }));
        break;
      case 'photo':
        out.push({ role: 'caption', block: i, paragraph: 0, text: b.credit ? `${b.caption}${zh ? '　' : ' '}${b.credit}` : b.caption });
        break;
    }
  });
  if (lastParagraph < 0 && a.credit) out.push({ role: 'credit', block: -1, paragraph: 0, text: zh ? `（${a.credit}）` : `(${a.credit})` });
  if (a.editorCredit) out.push({ role: 'credit', block: -1, paragraph: 0, text: editorCreditText(a.language, a.editorCredit) });
  return out;
}

/** Consecutive column lines of the same item joined into its text. */
function placedFlow(layout: ArticleLayout): FlowText[] {
  const out: FlowText[] = [];
  for (const l of columnLines(layout)) {
    const prev = out[out.length - 1];
    // A new item starts at a line whose range starts at 0 (the lines of a paragraph are consecutive ranges).
    if (prev && prev.role === l.role && prev.block === l.block && prev.paragraph === l.paragraph && l.start !== 0) prev.text += l.text;
    // A credit the layout moved to a line of its own (rather than break it) ends the item before.
    else if (prev && l.role === 'credit' && l.block >= 0 && prev.block === l.block && prev.paragraph === l.paragraph) prev.text += (prev.role === 'caption' ? '　' : '') + l.text;
    else out.push({ role: l.role, block: l.block, paragraph: l.paragraph, text: l.text });
  }
  return out;
}

describe('properties of the golden layouts', () => {
  it('sets them in the grid and frame of fixture-layout.ts', () => {
    for (const { layout, article } of layouts) {
      const f = layout.frames[0];
      // A news photo spans its frame as one wide column; stories flow through every column.
      expect(f.columns).toHaveLength(article.kind === 'photo' ? 1 : GOLDEN_FRAME.span);
      expect(f.width).toBeCloseTo(4 * GOLDEN_GRID.columnWidth + 3 * GOLDEN_GRID.gutter, 9);
    }
  });

  it('justifies every justified line to exactly its measure', () => {
    const bad: string[] = [];
    for (const { name, layout } of layouts) {
      for (const l of allLines(layout)) {
        if (l.justified && Math.abs(l.width - l.measure) > 0.01) bad.push(`${name} ${l.role} “${l.text}”: width ${l.width} ≠ measure ${l.measure}`);
        // Nothing sticks out of its measure either.
        if (l.width > l.measure + 0.01) bad.push(`${name} ${l.role} “${l.text}”: width ${l.width} > measure ${l.measure}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('starts no body line with a not-at-line-start character and ends none with a not-at-line-end one (clreq)', () => {
    const bad: string[] = [];
    for (const { name, article, layout } of layouts) {
      const level = defaultArticleStyles(article.language, GOLDEN_GRID.bodySize, GOLDEN_FRAME.span).body.kinsoku;
      for (const l of columnLines(layout)) {
        if (l.role !== 'body' || !l.text) continue;
        const first = [...l.text][0];
        const last = [...l.text.trimEnd()].at(-1) ?? '';
        if (cannotStartLine(first, level)) bad.push(`${name}: line starts with ${first}: “${l.text}”`);
        if (!l.last && cannotEndLine(last, level)) bad.push(`${name}: line ends with ${last}: “${l.text}”`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('loses nothing: the body lines give back the paragraphs (with lead and credit) up to the overset', () => {
    for (const { name, article, layout } of layouts) {
      const expected = expectedFlow(article).filter((t) => t.role === 'body');
      const placed = placedFlow(layout).filter((t) => t.role === 'body');
      expect(placed.length, name).toBeLessThanOrEqual(expected.length);
      placed.forEach((p, i) => {
        const e = expected[i];
        expect([p.block, p.paragraph], `${name} body item ${i}`).toEqual([e.block, e.paragraph]);
        if (i < placed.length - 1 || layout.overset === 0) expect(p.text, `${name} block ${e.block}`).toBe(e.text);
        else expect(e.text.startsWith(p.text), `${name} block ${e.block}: “${p.text}” is not the start of “${e.text}”`).toBe(true);
      });
      if (layout.overset === 0) expect(placed.length, `${name}: every paragraph placed`).toBe(expected.length);
    }
  });

  it('places every item in order and counts exactly the rest as overset', () => {
    for (const { name, article, layout } of layouts) {
      const expected = expectedFlow(article);
      const placed = placedFlow(layout);
      expect(placed.map((p) => [p.role, p.block, p.paragraph]), name).toEqual(expected.slice(0, placed.length).map((e) => [e.role, e.block, e.paragraph]));
      let rest = 0;
      expected.forEach((e, i) => {
        if (i >= placed.length) rest += nonSpaceLength(e.text);
        else if (i === placed.length - 1) {
          expect(e.text.startsWith(placed[i].text), `${name}: ${e.role} ${e.block}`).toBe(true);
          rest += nonSpaceLength(e.text.slice(placed[i].text.length));
        } else expect(placed[i].text, `${name}: ${e.role} ${e.block}`).toBe(e.text);
      });
      expect(layout.overset, name).toBe(rest);
      expect(layout.frames[layout.frames.length - 1].overset).toBe(layout.overset);
      expect(layout.warnings.some((w) => w.code === 'overset'), name).toBe(layout.overset > 0);
    }
  });

  it('sets the deck centred across the frame, and body baselines on the grid', () => {
    for (const { name, layout } of layouts) {
      const f = layout.frames[0];
      for (const l of f.deck) expect(l.x + l.width / 2, `${name} ${l.text}`).toBeCloseTo(f.x + f.width / 2, 6);
      const base = GOLDEN_GRID.top + (GOLDEN_GRID.leading - GOLDEN_GRID.bodySize) / 2 + GOLDEN_GRID.bodySize * 0.88;
      for (const l of columnLines(layout).filter((x) => x.role === 'body')) {
        const k = (l.y - base) / GOLDEN_GRID.leading;
        expect(Math.abs(k - Math.round(k)), `${name} “${l.text}”`).toBeLessThan(1e-9);
      }
    }
  });

  it('has a glyph for every character (no missing-glyph warnings)', () => {
    expect(layouts.flatMap((l) => l.layout.warnings.filter((w) => w.code === 'missing-glyph').map((w) => `${l.name}: ${w.message}`))).toEqual([]);
  });
});
