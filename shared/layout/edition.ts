// A whole edition laid out: every page's geometry, folio, article frames (with their jump
// lines resolved from page labels now), photo frames and ad boxes. The screen and the PDF
// both draw exactly this.
import { articleParts, printedJumps } from '../edition/jumps';
import type { PictureShape } from '../images/cover';
import { emptyContent, type ArticleContent } from '../model/article';
import { searchText } from '../model/article-text';
import { fillPageFormat, pageLabel, type Edition, type Frame, type Template } from '../model/edition';
import type { FontProvider, FontId } from '../text/font';
import { setParagraph, type SetLine } from '../text/lines';
import { prepareParagraph } from '../text/prepare';
import { bodyStyle, HEI_FACE } from '../text/style';
import { gridSpan, laidLine, layoutArticle, type LayoutArticleInput, type PartInput } from './article';
import { defaultArticleStyles } from './article-styles';
import { pageGeometry } from './grid';
import type { ArticleLayout, FolioPart, FrameLayout, Grid, LaidLine, LayoutWarning } from './types';

export interface PlacedFrameLayout extends FrameLayout {
  kind: 'article' | 'photo';
  /** Article id, or null for a photo frame. */
  article: number | null;
}

export interface AdBoxLayout {
  frame: string;
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
}

export interface RuleLayout {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Stroke width, pt. */
  width: number;
}

export interface PageLayout {
  index: number;
  id: string;
  label: string;
  section: string | null;
  /** Trim size and bleed, pt. */
  width: number;
  height: number;
  bleed: number;
  grid: Grid;
  frames: PlacedFrameLayout[];
  ads: AdBoxLayout[];
  folio: LaidLine[];
  rules: RuleLayout[];
}

export interface EditionLayout {
  pages: PageLayout[];
  /** Overset characters per article id (on its last part). */
  overset: Record<number, number>;
  warnings: (LayoutWarning & { page: number })[];
  fonts: FontId[];
}

export interface EditionLayoutInput {
  edition: Edition;
  template: Template;
  /** Article texts by id. Frames whose article is missing are left empty (preflight reports them). */
  articles: ReadonlyMap<number, ArticleContent>;
  /** The shapes of the pictures the articles' photos show, by asset (LayoutArticleInput.pictures); without it a story's photo is 0.7 of its width tall. */
  pictures?: ReadonlyMap<string, PictureShape>;
}

const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Day of the week of a Gregorian date, 0 = Sunday (Sakamoto's method: no clock needed). */
export function weekday(y: number, m: number, d: number): number {
  const t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const yy = m < 3 ? y - 1 : y;
  return (yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) + t[m - 1] + d) % 7;
}

export function folioDate(date: string, language: 'zh' | 'en'): string {
  const [y, m, d] = date.split('-').map(Number);
  const w = weekday(y, m, d);
  return language === 'zh' ? `${y}年${m}月${d}日　${WEEKDAYS_ZH[w]}` : `${WEEKDAYS_EN[w]}, ${MONTHS_EN[m - 1]} ${d}, ${y}`;
}

function laidFolio(line: SetLine, x: number, y: number): LaidLine {
  return laidLine('body', line, x + line.x, y, false, true, false, -1, 0);
}

/**
 * The folio line: page label and section on the outside edge, publication and date on the
 * inside, both on one baseline. `tooLong` when they do not fit side by side with 1 em between
 * them (or one alone needs two lines): printed, they would overprint each other or lose their
 * end. The folio is not set smaller to make room — it reads the same on every page — so
 * preflight reports it (folio-too-long) and the section or label is shortened.
 */
function folio(provider: FontProvider, edition: Edition, template: Template, index: number, grid: Grid): { lines: LaidLine[]; rules: RuleLayout[]; missing: { codePoint: number; part: FolioPart }[]; tooLong: boolean } {
  const zh = template.language === 'zh';
  const typeWidth = grid.columns * grid.columnWidth + (grid.columns - 1) * grid.gutter;
  const style = (align: 'left' | 'right') => bodyStyle(template.language, template.folio.size, { face: HEI_FACE, indent: 0, align, lastAlign: align, avoidRunt: false, hyphenate: false });
  const page = edition.pages[index];
  const label = fillPageFormat(template.folio.pageFormat, pageLabel(edition, index));
  // Chinese: an ideographic space; English: a spaced bullet (two word spaces read as one).
  const sep = zh ? '　' : ' \u2022 ';
  const outer = [label, page.section].filter(Boolean).join(sep);
  // The edition's own name (plan "publication", edition new --publication); it starts as the template's.
  const inner = [edition.publication, folioDate(edition.date, template.language)].filter(Boolean).join(sep);
  // Page label on the outside edge: left on left-hand (even) pages, right on right-hand ones.
  const rightHand = index % 2 === 0;
  const y = grid.top - template.folio.size * 0.9;
  const missing: { codePoint: number; part: FolioPart }[] = [];
  // Which of the folio's texts holds a character no font has (the date is digits and fixed words).
  const partOf = (ch: string): FolioPart => (label.includes(ch) ? 'label' : page.section?.includes(ch) ? 'section' : 'publication');
  const set = (text: string, align: 'left' | 'right') => {
    const p = prepareParagraph(provider, { text, style: style(align) });
    for (const m of p.missing) missing.push({ codePoint: m.codePoint, part: partOf(String.fromCodePoint(m.codePoint)) });
    return setParagraph(p, typeWidth);
  };
  const lines: LaidLine[] = [];
  const as = set(rightHand ? inner : outer, 'left');
  const bs = set(rightHand ? outer : inner, 'right');
  const [a, b] = [as[0], bs[0]];
  if (a) lines.push(laidFolio(a, grid.left, y));
  if (b) lines.push(laidFolio(b, grid.left, y));
  const need = (a?.width ?? 0) + (b?.width ?? 0) + (a && b ? template.folio.size : 0);
  const tooLong = as.length > 1 || bs.length > 1 || need > typeWidth + 1e-6;
  const ruleY = grid.top - template.folio.size * 0.45;
  return { lines, rules: [{ x1: grid.left, y1: ruleY, x2: grid.left + typeWidth, y2: ruleY, width: 0.5 }], missing, tooLong };
}

/** Grid lines of white space between a frame's content and a frame stacked under it. */
export const STACK_SPACE = 1;

/**
 * The white space between frames stacked in the same columns: STACK_SPACE grid lines between
 * the end of one frame's content and a frame whose top edge is its foot, in any column they
 * share. The frame above gives it (its text, photo and caption end a line above its foot), so a
 * head below keeps its place and a story that ends short above costs nothing; when the frame
 * above is an ad, whose size is sold, the frame below starts a line lower instead. Two ads
 * touch: neither may shrink. A frame at the top of the type area, or with empty lines above
 * it, needs none. Ads are never given space: they are drawn at their full size. A frame that
 * opens with a head whose own white is near a gutter (`opensWithAir`) needs none either.
 */
export function frameSpacing(frames: readonly Frame[], opensWithAir: (f: Frame) => boolean = () => false): Map<string, FrameSpace> {
  const out = new Map<string, FrameSpace>();
  const share = (a: Frame, b: Frame) => a.col < b.col + b.span && b.col < a.col + a.span;
  for (const f of frames) {
    if (f.kind === 'ad') continue;
    const below = frames.some((g) => g !== f && g.top === f.top + f.height && share(f, g) && !opensWithAir(g)) ? STACK_SPACE : 0;
    const above = frames.some((g) => g.kind === 'ad' && g.top + g.height === f.top && share(f, g)) ? STACK_SPACE : 0;
    // A head that brings its own white, right under another frame's content (PartInput.headAir).
    const head = above === 0 && opensWithAir(f) && frames.some((g) => g !== f && g.kind !== 'ad' && g.top + g.height === f.top && share(f, g));
    if (head) out.set(f.id, { above, below, headAir: true });
    else if (above || below) out.set(f.id, { above, below });
  }
  return out;
}

/** What frameSpacing gives a frame: grid lines of white above and below its content, and whether it opens with a head right under another frame's content. */
export interface FrameSpace {
  above: number;
  below: number;
  headAir?: boolean;
}

/**
 * A frame that opens with a headline deck whose own air is white enough (frameSpacing): the
 * first deck line sits centred in its grid lines, so with the lower half of the body line
 * above it the white is (leading − body)/2 + 0.12 body + (n·leading − size)/2. The head gets
 * the white nearest one gutter — its own, or its own and a line — as the space beside a
 * frame is a gutter: on the Chinese templates a head's own white is mostly near a gutter
 * already (10.9 and 11.6 pt measured), and a line more floated it halfway between two stories
 * (23–27 pt); the US broadsheet's tight leading leaves 6.5 pt over a two-column head, which
 * gets the line (17 pt). A head that keeps its own white is then lowered in its grid lines to a
 * gutter (PartInput.headAir, `dropHead` in layout/article.ts): its own was as little as 0.55 of
 * one (6.5 pt over a two-column head on the tabloid).
 */
function opensWithHeadAir(input: EditionLayoutInput, grid: Grid): (f: Frame) => boolean {
  return (f) => {
    if (f.kind !== 'article' || f.part !== 0) return false;
    const a = input.articles.get(f.article);
    if (!a) return false;
    const styles = defaultArticleStyles(a.language, grid.bodySize, f.span);
    const first = a.kicker ? styles.kicker : a.headline.length ? styles.headline : null;
    if (!first) return false;
    const n = gridSpan(first.size, grid);
    const white = (grid.leading - grid.bodySize) / 2 + 0.12 * grid.bodySize + (n * grid.leading - first.size) / 2;
    return white >= grid.gutter - grid.leading / 2;
  };
}

/** One article of an edition to lay out: the engine's input, and where its parts go. */
export interface ArticleJob {
  article: number;
  /** Page index of each part, in order. */
  pages: number[];
  input: LayoutArticleInput;
}

/** An edition with its pages started (geometry, folios) and its articles still to lay out. */
export interface EditionPlan {
  input: EditionLayoutInput;
  pages: PageLayout[];
  jobs: ArticleJob[];
  /** The folios' own warnings (characters no font has in a label, section or publication name; a folio too long for its line); frame ''. */
  warnings: EditionLayout['warnings'];
  /** Per page, the white each frame leaves to stacked frames (frameSpacing): the articles' parts and the photo frames read it. */
  spacing: Map<string, FrameSpace>[];
}

/**
 * Everything but the articles: page geometry, folios, and one job per article with its parts'
 * frames and resolved jump lines. The jobs are independent of each other (an article's
 * layout depends on its own text and frames only), so they may be laid out in any order,
 * on any thread, and assembleEdition() gives the same edition.
 */
export function planEdition(provider: FontProvider, input: EditionLayoutInput): EditionPlan {
  const { edition, template, articles } = input;
  const geometry = edition.pages.map((_, i) => pageGeometry(template, i));
  const warnings: EditionLayout['warnings'] = [];
  const pages: PageLayout[] = edition.pages.map((page, index) => {
    const g = geometry[index];
    const f = folio(provider, edition, template, index, g.grid);
    for (const { codePoint: cp, part } of f.missing) {
      warnings.push({ code: 'missing-glyph', frame: '', page: index, codePoint: cp, folio: part, message: `folio (${part}): no bundled font has U+${cp.toString(16).toUpperCase().padStart(4, '0')}` });
    }
    if (f.tooLong) warnings.push({ code: 'folio-too-long', frame: '', page: index, message: 'folio: the page label and section do not fit beside the publication and date' });
    return { index, id: page.id, label: pageLabel(edition, index), section: page.section, width: g.width, height: g.height, bleed: g.bleed, grid: g.grid, frames: [], ads: [], folio: f.lines, rules: f.rules };
  });
  const jumps = printedJumps(edition, template, (id) => articles.get(id)?.language);
  const spacing = edition.pages.map((page, i) => frameSpacing(page.frames, opensWithHeadAir(input, geometry[i].grid)));
  const jobs: ArticleJob[] = [];
  for (const [articleId, parts] of articleParts(edition)) {
    const article = articles.get(articleId);
    if (!article) continue;
    const inputs: PartInput[] = parts.map((p, i) => {
      const j = jumps.get(p.frame.id);
      const space = spacing[p.page].get(p.frame.id);
      return {
        frame: { id: p.frame.id, col: p.frame.col, span: p.frame.span, top: p.frame.top, height: p.frame.height },
        grid: geometry[p.page].grid,
        jumpIn: j?.jumpIn ?? null,
        jumpOut: j?.jumpOut ?? null,
        jumpHead: template.jumps.head && i > 0 ? article.headline : null,
        spaceAbove: space?.above ?? 0,
        spaceBelow: space?.below ?? 0,
        headAir: space?.headAir === true,
      };
    });
    jobs.push({ article: articleId, pages: parts.map((p) => p.page), input: { article, parts: inputs, grid: geometry[parts[0].page].grid, pictures: input.pictures } });
  }
  return { input, pages, jobs, warnings, spacing };
}

/** The edition from its plan and the layout of each job (results[i] for plan.jobs[i]). */
export function assembleEdition(provider: FontProvider, plan: EditionPlan, results: readonly ArticleLayout[]): EditionLayout {
  const { edition, template } = plan.input;
  const pages = plan.pages.map((p) => ({ ...p, frames: [...p.frames], ads: [...p.ads] }));
  const warnings: EditionLayout['warnings'] = [...plan.warnings];
  const overset: Record<number, number> = {};
  const fonts = new Set<FontId>();
  // A jump line names a page by its label. A character of a label that no font has is the
  // label's (its page's folio reports it), not a fault of every article that jumps there.
  const labelChars = new Set(edition.pages.flatMap((_, i) => [...pageLabel(edition, i)]));
  plan.jobs.forEach((job, k) => {
    const result = results[k];
    const a = job.input.article;
    const ownText = [searchText(a), a.lead, a.editorCredit].join('\n');
    const fromLabel = (w: LayoutWarning) => {
      const ch = w.code === 'missing-glyph' && w.codePoint !== undefined ? String.fromCodePoint(w.codePoint) : '';
      return ch !== '' && labelChars.has(ch) && !ownText.includes(ch);
    };
    const frameIds = job.input.parts.map((p) => p.frame.id);
    result.frames.forEach((fl, i) => pages[job.pages[i]].frames.push({ ...fl, kind: 'article', article: job.article }));
    overset[job.article] = result.overset;
    for (const w of result.warnings) {
      if (fromLabel(w)) continue;
      const i = frameIds.indexOf(w.frame);
      warnings.push({ ...w, page: job.pages[i >= 0 ? i : 0] });
    }
    for (const font of result.fonts) fonts.add(font);
  });

  edition.pages.forEach((page, index) => {
    const grid = pages[index].grid;
    const spacing = plan.spacing[index];
    for (const f of page.frames) {
      if (f.kind === 'photo') {
        const photo: ArticleContent = { ...emptyContent(template.language), kind: 'photo', body: [{ type: 'photo', caption: f.caption, credit: f.credit, asset: f.asset }] };
        const space = spacing.get(f.id);
        const part = { frame: { id: f.id, col: f.col, span: f.span, top: f.top, height: f.height }, spaceAbove: space?.above ?? 0, spaceBelow: space?.below ?? 0 };
        const result = layoutArticle(provider, { article: photo, grid, parts: [part], pictureFills: true });
        for (const fl of result.frames) pages[index].frames.push({ ...fl, kind: 'photo', article: null });
        // A photo frame's picture takes what its caption leaves: no hole to report.
        for (const w of result.warnings) if (w.code !== 'underfull') warnings.push({ ...w, page: index });
        for (const font of result.fonts) fonts.add(font);
      } else if (f.kind === 'ad') {
        pages[index].ads.push({
          frame: f.id,
          x: grid.left + f.col * (grid.columnWidth + grid.gutter),
          y: grid.top + f.top * grid.leading,
          width: f.span * grid.columnWidth + (f.span - 1) * grid.gutter,
          height: f.height * grid.leading,
          label: f.label,
        });
        // The export sets the label in Hei (paint.ts labelBox): a character no font has prints blank.
        const style = bodyStyle(edition.language, template.folio.size, { face: HEI_FACE, indent: 0, align: 'center', lastAlign: 'center', avoidRunt: false, hyphenate: false });
        for (const cp of new Set(prepareParagraph(provider, { text: f.label, style }).missing.map((m) => m.codePoint))) {
          warnings.push({ code: 'missing-glyph', frame: f.id, page: index, codePoint: cp, message: `ad label: no bundled font has U+${cp.toString(16).toUpperCase().padStart(4, '0')}` });
        }
      }
    }
    for (const l of pages[index].folio) for (const r of l.runs) fonts.add(r.font);
  });
  // Frames in the order the page lists them.
  edition.pages.forEach((page, index) => {
    const order = new Map(page.frames.map((f, i) => [f.id, i]));
    pages[index].frames.sort((a, b) => (order.get(a.frame) ?? 0) - (order.get(b.frame) ?? 0));
  });
  return { pages, overset, warnings, fonts: [...fonts].sort() };
}

export function layoutEdition(provider: FontProvider, input: EditionLayoutInput): EditionLayout {
  const plan = planEdition(provider, input);
  return assembleEdition(provider, plan, plan.jobs.map((job) => layoutArticle(provider, job.input)));
}
