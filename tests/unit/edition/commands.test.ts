// Commands: pure, deterministic, and every one undone by its inverse to a deep-equal document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, applyAll, applyCommand, CommandError, CommandSchema, parseCommand, type Command, type CommandContext } from '../../../shared/edition/commands';
import { EditionSchema, type ArticleFrame, type Edition } from '../../../shared/model/edition';
import { blank, ctx, deepFreeze, jumped, run, ZH } from './fixtures';

/** Apply, check the result, undo, check we are back, redo, check we are forward again. */
function roundTrip(doc: Edition, cmd: Command, c: CommandContext = ctx): Edition {
  const before = structuredClone(doc);
  deepFreeze(doc);
  // Commands travel as JSON: the command and its inverse survive serialisation and the schema.
  expect(CommandSchema.parse(JSON.parse(JSON.stringify(cmd)))).toStrictEqual(cmd);
  const r = apply(doc, cmd, c);
  expect(doc).toStrictEqual(before);
  expect(EditionSchema.parse(r.doc)).toStrictEqual(r.doc);
  const inverse = CommandSchema.parse(JSON.parse(JSON.stringify(r.inverse)));
  expect(inverse).toStrictEqual(r.inverse);
  deepFreeze(r.doc);
  const back = apply(r.doc, inverse, c);
  expect(back.doc).toStrictEqual(before);
  const redo = apply(back.doc, back.inverse, c);
  expect(redo.doc).toStrictEqual(r.doc);
  return r.doc;
}

function fails(doc: Edition, cmd: Command, code: string): CommandError {
  const before = structuredClone(doc);
  deepFreeze(doc);
  let error: unknown;
  try {
    apply(doc, cmd, ctx);
  } catch (e) {
    error = e;
  }
  expect(error, JSON.stringify(cmd)).toBeInstanceOf(CommandError);
  const ce = error as CommandError;
  expect(ce.code).toBe(code);
  expect(ce.messages.zh.length).toBeGreaterThan(0);
  expect(ce.messages.en.length).toBeGreaterThan(0);
  expect(ce.message).toBe(ce.messages.en);
  expect(doc).toStrictEqual(before);
  return ce;
}

const frame = (doc: Edition, id: string) => doc.pages.flatMap((p) => p.frames).find((f) => f.id === id);
const partsOf = (doc: Edition, article: number) =>
  doc.pages.flatMap((p) => p.frames.filter((f): f is ArticleFrame => f.kind === 'article' && f.article === article).map((f) => [f.id, f.part, p.id] as const));

describe('page commands', () => {
  it('addPage inserts an empty page with the next id, anywhere', () => {
    for (const at of [0, 2, 4]) {
      const doc = roundTrip(jumped(), { type: 'addPage', at, label: 'A9', section: '要闻' });
      expect(doc.pages).toHaveLength(5);
      expect(doc.pages[at]).toStrictEqual({ id: 'p11', label: 'A9', section: '要闻', frames: [] });
      expect(doc.nextId).toBe(12);
    }
    expect(roundTrip(blank(1), { type: 'addPage', at: 1 }).pages[1]).toStrictEqual({ id: 'p2', label: null, section: null, frames: [] });
  });

  it('deletePage removes a page and its frames; undo restores it at its position, ids intact', () => {
    const doc = roundTrip(jumped(), { type: 'deletePage', page: 'p2' });
    expect(doc.pages.map((p) => p.id)).toEqual(['p1', 'p3', 'p4']);
    expect(frame(doc, 'f7')).toBeUndefined();
    expect(frame(doc, 'f8')).toBeUndefined();
    // The other part of B keeps its number: a gap that preflight reports.
    expect(partsOf(doc, 2)).toEqual([['f9', 1, 'p3']]);
    expect(doc.nextId).toBe(11);
  });

  it('insertPage restores a whole page', () => {
    const page = { id: 'p20', label: 'X', section: null, frames: [{ id: 'f21', kind: 'ad' as const, label: 'ad', col: 0, span: 1, top: 0, height: 1 }] };
    const doc = roundTrip(blank(2), { type: 'insertPage', at: 1, page });
    expect(doc.pages[1]).toStrictEqual(page);
    // The counter moves past restored ids, so new ids never collide.
    expect(doc.nextId).toBe(22);
  });

  it('movePage moves a page between any two positions', () => {
    for (let from = 0; from < 4; from++) {
      for (let to = 0; to < 4; to++) {
        const doc = roundTrip(jumped(), { type: 'movePage', from, to });
        expect(doc.pages[to].id).toBe(`p${from + 1}`);
      }
    }
  });

  it('setPage sets and clears labels and sections', () => {
    let doc = roundTrip(jumped(), { type: 'setPage', page: 'p2', label: 'A2', section: '要闻' });
    expect(doc.pages[1]).toMatchObject({ label: 'A2', section: '要闻' });
    doc = roundTrip(doc, { type: 'setPage', page: 'p2', label: null });
    expect(doc.pages[1]).toMatchObject({ label: null, section: '要闻' });
    doc = roundTrip(doc, { type: 'setPage', page: 'p2', section: null });
    expect(doc.pages[1]).toMatchObject({ label: null, section: null });
    roundTrip(doc, { type: 'setPage', page: 'p2' });
  });
});

describe('frame commands', () => {
  it('placeArticle places part 0 with the next frame id', () => {
    const doc = roundTrip(jumped(), { type: 'placeArticle', page: 'p3', article: 7, col: 5, span: 3, top: 0, height: 103 });
    expect(frame(doc, 'f11')).toStrictEqual({ id: 'f11', kind: 'article', article: 7, part: 0, col: 5, span: 3, top: 0, height: 103 });
    expect(doc.nextId).toBe(12);
  });

  it('placePhoto and placeAd', () => {
    let doc = roundTrip(jumped(), { type: 'placePhoto', page: 'p4', caption: '说明', col: 0, span: 2, top: 0, height: 10 });
    expect(frame(doc, 'f11')).toStrictEqual({ id: 'f11', kind: 'photo', caption: '说明', credit: null, asset: null, col: 0, span: 2, top: 0, height: 10 });
    doc = roundTrip(doc, { type: 'placePhoto', page: 'p4', caption: 'c', credit: 'AP', asset: 'a.jpg', col: 2, span: 2, top: 0, height: 10 });
    expect(frame(doc, 'f12')).toMatchObject({ credit: 'AP', asset: 'a.jpg' });
    doc = roundTrip(doc, { type: 'placeAd', page: 'p3', label: '招聘', col: 0, span: 8, top: 90, height: 13 });
    expect(frame(doc, 'f13')).toStrictEqual({ id: 'f13', kind: 'ad', label: '招聘', col: 0, span: 8, top: 90, height: 13 });
  });

  it('moveFrame moves on a page, to another page, and in the drawing order', () => {
    let doc = roundTrip(jumped(), { type: 'moveFrame', frame: 'f6', col: 3, top: 40 });
    expect(frame(doc, 'f6')).toMatchObject({ col: 3, top: 40, span: 4, height: 30 });
    expect(doc.pages[0].frames.map((f) => f.id)).toEqual(['f5', 'f6']);
    doc = roundTrip(jumped(), { type: 'moveFrame', frame: 'f5', col: 0, top: 0, index: 1 });
    expect(doc.pages[0].frames.map((f) => f.id)).toEqual(['f6', 'f5']);
    doc = roundTrip(jumped(), { type: 'moveFrame', frame: 'f5', page: 'p2', col: 4, top: 0 });
    expect(doc.pages[0].frames.map((f) => f.id)).toEqual(['f6']);
    expect(doc.pages[1].frames.map((f) => f.id)).toEqual(['f7', 'f8', 'f5']);
    doc = roundTrip(jumped(), { type: 'moveFrame', frame: 'f8', page: 'p1', index: 0, col: 0, top: 60 });
    expect(doc.pages[0].frames.map((f) => f.id)).toEqual(['f8', 'f5', 'f6']);
    // Naming the frame's own page is the same as staying.
    roundTrip(jumped(), { type: 'moveFrame', frame: 'f5', page: 'p1', col: 1, top: 1 });
  });

  it('resizeFrame', () => {
    const doc = roundTrip(jumped(), { type: 'resizeFrame', frame: 'f5', span: 8, height: 103 });
    expect(frame(doc, 'f5')).toMatchObject({ col: 0, top: 0, span: 8, height: 103 });
  });

  it('removeFrame removes one frame; other parts keep their numbers unless renumber', () => {
    let doc = roundTrip(jumped(), { type: 'removeFrame', frame: 'f6' });
    expect(frame(doc, 'f6')).toBeUndefined();
    doc = roundTrip(jumped(), { type: 'removeFrame', frame: 'f5' });
    expect(partsOf(doc, 1)).toEqual([['f10', 1, 'p4']]);
    doc = roundTrip(jumped(), { type: 'removeFrame', frame: 'f5', renumber: true });
    expect(partsOf(doc, 1)).toEqual([['f10', 0, 'p4']]);
  });

  it('insertFrame restores a frame, optionally making room in the part numbers', () => {
    const f: ArticleFrame = { id: 'f30', kind: 'article', article: 1, part: 1, col: 0, span: 2, top: 0, height: 10 };
    let doc = roundTrip(jumped(), { type: 'insertFrame', page: 'p3', index: 0, frame: f, renumber: true });
    expect(partsOf(doc, 1)).toEqual([['f5', 0, 'p1'], ['f30', 1, 'p3'], ['f10', 2, 'p4']]);
    expect(doc.nextId).toBe(31);
    doc = roundTrip(jumped(), { type: 'insertFrame', page: 'p3', index: 1, frame: { ...f, id: 'x' } });
    expect(doc.nextId).toBe(11);
    expect(partsOf(doc, 1)).toEqual([['f5', 0, 'p1'], ['x', 1, 'p3'], ['f10', 1, 'p4']]);
  });
});

describe('jump commands', () => {
  it('continueArticle adds part max + 1', () => {
    const doc = roundTrip(jumped(), { type: 'continueArticle', article: 1, page: 'p2', col: 4, span: 4, top: 0, height: 20 });
    expect(frame(doc, 'f11')).toStrictEqual({ id: 'f11', kind: 'article', article: 1, part: 2, col: 4, span: 4, top: 0, height: 20 });
  });

  it('unlinkContinuation removes a continuation and renumbers the following parts', () => {
    const three = run(jumped(), [{ type: 'continueArticle', article: 1, page: 'p2', col: 4, span: 4, top: 0, height: 20 }]);
    let doc = roundTrip(three, { type: 'unlinkContinuation', frame: 'f10' });
    expect(partsOf(doc, 1)).toEqual([['f5', 0, 'p1'], ['f11', 1, 'p2']]);
    doc = roundTrip(three, { type: 'unlinkContinuation', frame: 'f11' });
    expect(partsOf(doc, 1)).toEqual([['f5', 0, 'p1'], ['f10', 1, 'p4']]);
  });

  it('reorderParts renumbers in the given order, and its inverse restores gaps', () => {
    const three = run(jumped(), [{ type: 'continueArticle', article: 1, page: 'p2', col: 4, span: 4, top: 0, height: 20 }]);
    let doc = roundTrip(three, { type: 'reorderParts', article: 1, order: ['f5', 'f11', 'f10'] });
    expect(partsOf(doc, 1)).toEqual([['f5', 0, 'p1'], ['f11', 1, 'p2'], ['f10', 2, 'p4']]);
    // A gap left by a deleted page: [1] → renumbered to [0].
    const gap = run(jumped(), [{ type: 'removeFrame', frame: 'f5' }]);
    doc = roundTrip(gap, { type: 'reorderParts', article: 1, order: ['f10'] });
    expect(partsOf(doc, 1)).toEqual([['f10', 0, 'p4']]);
    doc = roundTrip(three, { type: 'reorderParts', article: 1, order: ['f10', 'f5', 'f11'], parts: [0, 3, 7] });
    expect(partsOf(doc, 1)).toEqual([['f5', 3, 'p1'], ['f11', 7, 'p2'], ['f10', 0, 'p4']]);
  });
});

describe('batch', () => {
  it('applies in order and undoes in reverse order', () => {
    const cmds: Command[] = [
      { type: 'addPage', at: 0, label: 'A1' },
      { type: 'placeArticle', page: 'p11', article: 3, col: 0, span: 4, top: 0, height: 50 },
      { type: 'continueArticle', article: 3, page: 'p4', col: 4, span: 4, top: 0, height: 50 },
      { type: 'movePage', from: 4, to: 1 },
      { type: 'batch', commands: [{ type: 'deletePage', page: 'p2' }, { type: 'setPage', page: 'p1', section: '要闻' }] },
      { type: 'unlinkContinuation', frame: 'f9' },
    ];
    const doc = roundTrip(jumped(), { type: 'batch', commands: cmds });
    expect(doc.pages.map((p) => p.id)).toEqual(['p11', 'p4', 'p1', 'p3']);
    expect(doc.nextId).toBe(14);
    roundTrip(jumped(), { type: 'batch', commands: [] });
    const r = applyAll(jumped(), cmds, ctx);
    expect(r.doc).toStrictEqual(doc);
    expect(r.inverses).toHaveLength(cmds.length);
    expect(run(r.doc, r.inverses)).toStrictEqual(jumped());
  });

  it('is all or nothing, and says which command failed', () => {
    const e = fails(jumped(), { type: 'batch', commands: [{ type: 'addPage', at: 0 }, { type: 'batch', commands: [{ type: 'movePage', from: 0, to: 1 }, { type: 'deletePage', page: 'nope' }] }] }, 'page-not-found');
    expect(e.path).toEqual([1, 1]);
  });
});

describe('validation', () => {
  const cases: [string, Command, string][] = [
    ['missing page', { type: 'placeAd', page: 'p99', label: 'x', col: 0, span: 1, top: 0, height: 1 }, 'page-not-found'],
    ['missing page (delete)', { type: 'deletePage', page: 'p99' }, 'page-not-found'],
    ['missing page (set)', { type: 'setPage', page: 'p99', label: 'A' }, 'page-not-found'],
    ['missing frame (move)', { type: 'moveFrame', frame: 'f99', col: 0, top: 0 }, 'frame-not-found'],
    ['missing frame (resize)', { type: 'resizeFrame', frame: 'f99', span: 1, height: 1 }, 'frame-not-found'],
    ['missing frame (remove)', { type: 'removeFrame', frame: 'f99' }, 'frame-not-found'],
    ['missing frame (unlink)', { type: 'unlinkContinuation', frame: 'f99' }, 'frame-not-found'],
    ['moving to a missing page', { type: 'moveFrame', frame: 'f5', page: 'p99', col: 0, top: 0 }, 'page-not-found'],
    ['col + span > columns', { type: 'placeArticle', page: 'p1', article: 5, col: 6, span: 3, top: 50, height: 10 }, 'outside-grid'],
    ['top + height > lines', { type: 'placePhoto', page: 'p1', caption: '', col: 0, span: 1, top: 100, height: 4 }, 'outside-grid'],
    ['zero span', { type: 'placeAd', page: 'p1', label: '', col: 0, span: 0, top: 0, height: 1 }, 'bad-size'],
    ['negative height', { type: 'resizeFrame', frame: 'f5', span: 1, height: -2 }, 'bad-size'],
    ['negative col', { type: 'moveFrame', frame: 'f5', col: -1, top: 0 }, 'bad-size'],
    ['fractional top', { type: 'moveFrame', frame: 'f5', col: 0, top: 1.5 }, 'bad-size'],
    ['moved outside the grid', { type: 'moveFrame', frame: 'f5', col: 5, top: 0 }, 'outside-grid'],
    ['resized outside the grid', { type: 'resizeFrame', frame: 'f10', span: 2, height: 54 }, 'outside-grid'],
    ['continued onto a page holding a part', { type: 'continueArticle', article: 1, page: 'p4', col: 4, span: 2, top: 0, height: 10 }, 'same-page'],
    ['continued onto the start page', { type: 'continueArticle', article: 1, page: 'p1', col: 4, span: 2, top: 50, height: 10 }, 'same-page'],
    ['continuing an article not placed', { type: 'continueArticle', article: 9, page: 'p2', col: 4, span: 2, top: 0, height: 10 }, 'article-not-placed'],
    ['placing an article twice', { type: 'placeArticle', page: 'p3', article: 1, col: 6, span: 2, top: 0, height: 10 }, 'already-placed'],
    ['bad article id', { type: 'placeArticle', page: 'p3', article: 0, col: 6, span: 2, top: 0, height: 10 }, 'invalid-command'],
    ['moving a page past the end', { type: 'movePage', from: 0, to: 4 }, 'bad-position'],
    ['moving a page from before the start', { type: 'movePage', from: -1, to: 0 }, 'bad-position'],
    ['adding a page past the end', { type: 'addPage', at: 5 }, 'bad-position'],
    ['empty label', { type: 'setPage', page: 'p1', label: '  ' }, 'bad-label'],
    ['a control character in a label', { type: 'setPage', page: 'p1', label: 'A1\u0007' }, 'bad-label'],
    ['a label of a zero-width space (no page in its jump lines)', { type: 'setPage', page: 'p1', label: '\u200b' }, 'bad-label'],
    ['a label of a dash', { type: 'addPage', at: 0, label: '—' }, 'bad-label'],
    ['a label of the format\'s words alone (第版 printed （下转第版版）)', { type: 'setPage', page: 'p1', label: '第版' }, 'bad-label'],
    ['a label of 版 alone', { type: 'addPage', at: 0, label: ' 版 ' }, 'bad-label'],
    ['a label of the English format\'s word alone', { type: 'setPage', page: 'p1', label: 'Page' }, 'bad-label'],
    ['a control character in a section', { type: 'addPage', at: 0, section: '要闻\u0002' }, 'bad-label'],
    ['unlinking a start', { type: 'unlinkContinuation', frame: 'f5' }, 'not-a-continuation'],
    ['unlinking a photo', { type: 'unlinkContinuation', frame: 'f6' }, 'not-an-article-frame'],
    ['reordering with a frame missing', { type: 'reorderParts', article: 1, order: ['f5'] }, 'bad-order'],
    ['reordering with a stranger', { type: 'reorderParts', article: 1, order: ['f5', 'f6'] }, 'bad-order'],
    ['reordering with repeated frame', { type: 'reorderParts', article: 1, order: ['f5', 'f5'] }, 'bad-order'],
    ['reordering with bad numbers', { type: 'reorderParts', article: 1, order: ['f5', 'f10'], parts: [0, -1] }, 'bad-order'],
    ['reordering an article not placed', { type: 'reorderParts', article: 9, order: [] }, 'article-not-placed'],
    ['frame order out of range', { type: 'moveFrame', frame: 'f5', col: 0, top: 0, index: 2 }, 'bad-position'],
    ['inserting a frame id in use', { type: 'insertFrame', page: 'p1', index: 0, frame: { id: 'f7', kind: 'ad', label: '', col: 0, span: 1, top: 0, height: 1 } }, 'duplicate-id'],
    ['inserting a page id in use', { type: 'insertPage', at: 0, page: { id: 'p1', label: null, section: null, frames: [] } }, 'duplicate-id'],
    ['a counter that is not a positive integer', { type: 'removeFrame', frame: 'f10', nextId: 0 }, 'bad-next-id'],
    ['unknown command', { type: 'explode' } as unknown as Command, 'invalid-command'],
  ];
  for (const [name, cmd, code] of cases) it(`${name} → ${code}, nothing changed`, () => fails(jumped(), cmd, code));

  it('takes labels that carry the format\'s words beside a number or a name (第3版, 头版, 要闻版, Page 3, A1)', () => {
    for (const label of ['第3版', '头版', '要闻版', 'Page 3', 'A1', '第 1 版', 'Sports']) {
      expect(run(jumped(), [{ type: 'setPage', page: 'p1', label }]).pages[0].label, label).toBe(label);
    }
  });

  it('frame box messages count columns and lines from 1, as the outside-grid ones do', () => {
    const message = (cmd: Command) => {
      try {
        apply(jumped(), cmd, ctx);
      } catch (e) {
        return (e as CommandError).messages;
      }
      throw new Error('no error');
    };
    expect(message({ type: 'moveFrame', frame: 'f5', col: -1, top: 0 })).toEqual({
      zh: '框的位置或大小无效（第0栏起 4 栏，第1行起 40 行）：起点在第1栏左边',
      en: 'Invalid frame box (4 columns from column 0, 40 lines from line 1): it starts left of column 1',
    });
    expect(message({ type: 'moveFrame', frame: 'f5', col: 0, top: -3 }).en).toBe('Invalid frame box (4 columns from column 1, 40 lines from line -2): it starts above line 1');
    expect(message({ type: 'resizeFrame', frame: 'f5', span: 1, height: -2 }).en).toBe('Invalid frame box (1 column from column 1, -2 lines from line 1): a frame is at least 1 column wide and 1 line tall');
    expect(message({ type: 'moveFrame', frame: 'f5', col: 0, top: 1.5 }).en).toBe('Invalid frame box (4 columns from column 1, 40 lines from line 2.5): positions and sizes are whole columns and lines');
    // The same frame past the right edge: col 6, span 3 is columns 7–9.
    expect(message({ type: 'placeArticle', page: 'p1', article: 5, col: 6, span: 3, top: 50, height: 10 }).en).toBe('Frame outside the type area: columns 7–9 of 8');
  });

  it('the last page cannot be deleted', () => {
    fails(blank(1), { type: 'deletePage', page: 'p1' }, 'last-page');
  });

  it('a start can be placed again when only its continuations are on the pages', () => {
    // The page holding A's start was deleted: placing A again fills the gap with a new start.
    const doc = roundTrip(run(jumped(), [{ type: 'deletePage', page: 'p1' }]), { type: 'placeArticle', page: 'p2', article: 1, col: 4, span: 4, top: 0, height: 40 });
    expect(partsOf(doc, 1)).toEqual([['f11', 0, 'p2'], ['f10', 1, 'p4']]);
  });

  it('overlapping frames are not a command error (preflight reports them)', () => {
    roundTrip(jumped(), { type: 'placeAd', page: 'p1', label: 'over', col: 2, span: 4, top: 10, height: 10 });
  });

  it('unlinking a part numbered twice asks for a reorder first', () => {
    const doc = run(jumped(), [{ type: 'insertFrame', page: 'p2', index: 0, frame: { id: 'dup', kind: 'article', article: 1, part: 1, col: 5, span: 2, top: 0, height: 5 } }]);
    fails(doc, { type: 'unlinkContinuation', frame: 'f10' }, 'duplicate-part');
  });

  it('new ids skip ids a hand-edited document already uses', () => {
    const doc = run(blank(2), [{ type: 'insertFrame', page: 'p1', index: 0, frame: { id: 'f3', kind: 'ad', label: '', col: 0, span: 1, top: 0, height: 1 } }, { type: 'setPage', page: 'p1', label: 'A' }]);
    expect(doc.nextId).toBe(4);
    const hand = { ...doc, nextId: 3 };
    const r = apply(hand, { type: 'placeAd', page: 'p2', label: '', col: 0, span: 1, top: 0, height: 1 }, ctx);
    expect(r.doc.pages[1].frames[0].id).toBe('f4');
    expect(apply(r.doc, r.inverse, ctx).doc).toStrictEqual(hand);
  });
});

describe('CommandSchema', () => {
  it('parses JSON commands and rejects malformed ones with a CommandError', () => {
    expect(parseCommand(JSON.parse('{"type":"movePage","from":0,"to":3}'))).toStrictEqual({ type: 'movePage', from: 0, to: 3 });
    expect(parseCommand({ type: 'batch', commands: [{ type: 'addPage', at: 0 }] })).toStrictEqual({ type: 'batch', commands: [{ type: 'addPage', at: 0 }] });
    for (const bad of [{ type: 'movePage', from: 0 }, { type: 'addPage', at: 0, lable: 'A' }, { type: 'nope' }, { type: 'batch', commands: [{ type: 'movePage' }] }, null]) {
      expect(() => parseCommand(bad), JSON.stringify(bad)).toThrow(CommandError);
    }
  });

  it('applyCommand takes the template', () => {
    expect(applyCommand(jumped(), { type: 'movePage', from: 0, to: 1 }, ZH).doc.pages[1].id).toBe('p1');
  });
});

// -----------------------------------------------------------------------------------------
// Random sequences of commands, undone in reverse order, give back the original.

const small: CommandContext = { grid: () => ({ columns: 4, lines: 12 }) };

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length ? list[n % list.length] : undefined;
}

/** A command built from the document and a few random numbers; some are invalid on purpose. */
function randomCommand(doc: Edition, r: number[], depth = 0): Command {
  const pages = doc.pages;
  const frames = pages.flatMap((p) => p.frames);
  const articleFrames = frames.filter((f): f is ArticleFrame => f.kind === 'article');
  const pageId = () => (r[2] % 17 === 0 ? 'p999' : (pick(pages, r[2])?.id ?? 'p1'));
  const frameId = () => (r[3] % 19 === 0 ? 'f999' : (pick(frames, r[3])?.id ?? 'f999'));
  const col = r[4] % 4;
  const top = r[5] % 12;
  const span = 1 + (r[6] % (r[6] % 13 === 0 ? 5 : 4 - col));
  const height = 1 + (r[7] % (r[7] % 11 === 0 ? 13 : 12 - top));
  const box = { col, span, top, height };
  const label = r[4] % 3 === 0 ? null : r[4] % 3 === 1 ? undefined : `A${r[5]}`;
  const placed = [...new Set(articleFrames.map((f) => f.article))];
  const article = (r[1] % 5 && placed.length ? pick(placed, r[1]) : undefined) ?? 1 + (r[1] % 5);
  // Mostly valid choices, sometimes any.
  const freePage = (r[2] % 5 ? pick(pages.filter((p) => !p.frames.some((f) => f.kind === 'article' && f.article === article)), r[2])?.id : undefined) ?? pageId();
  // Weighted: frame placement and jumps come up more often than page edits.
  const kinds = ['addPage', 'addPage', 'deletePage', 'movePage', 'movePage', 'setPage', 'placeArticle', 'placeArticle', 'placeArticle', 'placePhoto', 'placeAd',
    'moveFrame', 'moveFrame', 'resizeFrame', 'removeFrame', 'continueArticle', 'continueArticle', 'continueArticle', 'unlinkContinuation', 'unlinkContinuation', 'reorderParts', 'reorderParts', 'batch'] as const;
  const kind = kinds[r[0] % (depth ? kinds.length - 1 : kinds.length)];
  switch (kind) {
    case 'addPage':
      return { type: 'addPage', at: r[1] % (pages.length + 2), ...(label === undefined ? {} : { label }), ...(r[6] % 2 ? { section: '要闻' } : {}) };
    case 'deletePage':
      return { type: 'deletePage', page: pageId() };
    case 'movePage':
      return { type: 'movePage', from: r[1] % pages.length, to: r[2] % (pages.length + 1) };
    case 'setPage':
      return { type: 'setPage', page: pageId(), ...(label === undefined ? {} : { label }), ...(r[6] % 3 === 0 ? { section: null } : {}) };
    case 'placeArticle':
      return { type: 'placeArticle', page: pageId(), article: 1 + (r[1] % 6), ...box };
    case 'placePhoto':
      return { type: 'placePhoto', page: pageId(), caption: `photo ${r[1]}`, credit: r[1] % 2 ? null : 'AP', ...box };
    case 'placeAd':
      return { type: 'placeAd', page: pageId(), label: `ad ${r[1]}`, ...box };
    case 'moveFrame':
      return { type: 'moveFrame', frame: frameId(), ...(r[1] % 2 ? { page: pageId() } : {}), ...(r[1] % 3 === 0 ? { index: r[6] % 3 } : {}), col, top };
    case 'resizeFrame':
      return { type: 'resizeFrame', frame: frameId(), span, height };
    case 'removeFrame':
      return { type: 'removeFrame', frame: frameId(), ...(r[1] % 2 ? { renumber: true } : {}) };
    case 'continueArticle':
      return { type: 'continueArticle', article, page: freePage, ...box };
    case 'unlinkContinuation':
      return { type: 'unlinkContinuation', frame: (r[1] % 4 ? pick(articleFrames.filter((f) => f.part > 0), r[3])?.id : undefined) ?? frameId() };
    case 'reorderParts': {
      const ids = articleFrames.filter((f) => f.article === article).map((f) => f.id);
      const order = ids.map((id, i) => ({ id, k: (r[(i % 6) + 2] * (i + 7)) % 101 })).sort((a, b) => a.k - b.k).map((x) => x.id);
      return { type: 'reorderParts', article, order, ...(r[4] % 4 === 0 ? { parts: order.map((_, i) => i * 2) } : {}) };
    }
    case 'batch': {
      // A batch of two: the second sees the document the first makes.
      const first = randomCommand(doc, r.map((x) => x * 7 + 3), depth + 1);
      let mid = doc;
      try {
        mid = apply(doc, first, small).doc;
      } catch {
        // an invalid first command makes the whole batch fail, which is tested too
      }
      return { type: 'batch', commands: [first, randomCommand(mid, r.map((x) => x * 13 + 5), depth + 1)] };
    }
  }
}

describe('undo property', () => {
  it('random valid command sequences undone in reverse give back the original', () => {
    let applied = 0;
    let rejected = 0;
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(10_000), { minLength: 8, maxLength: 8 }), { minLength: 5, maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (seeds, pageCount) => {
        const start = deepFreeze(blank(pageCount));
        let doc = start;
        const history: { before: Edition; inverse: Command }[] = [];
        for (const r of seeds) {
          const cmd = randomCommand(doc, r);
          try {
            const res = apply(doc, cmd, small);
            EditionSchema.parse(res.doc);
            CommandSchema.parse(JSON.parse(JSON.stringify(res.inverse)));
            history.push({ before: doc, inverse: res.inverse });
            doc = deepFreeze(res.doc);
            applied++;
            seen.set(cmd.type, (seen.get(cmd.type) ?? 0) + 1);
          } catch (e) {
            if (!(e instanceof CommandError)) throw e;
            rejected++;
          }
        }
        // Ids are unique and the counter is past every generated id.
        const ids = doc.pages.flatMap((p) => [p.id, ...p.frames.map((f) => f.id)]);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(Number(id.slice(1))).toBeLessThan(doc.nextId);
        for (const step of history.reverse()) {
          doc = apply(doc, step.inverse, small).doc;
          expect(doc).toStrictEqual(step.before);
        }
        expect(doc).toStrictEqual(start);
      }),
      { numRuns: 300, seed: 20240115 },
    );
    // The generator exercises every command, and most of them succeed.
    expect([...seen.keys()].sort()).toEqual(
      ['addPage', 'batch', 'continueArticle', 'deletePage', 'moveFrame', 'movePage', 'placeAd', 'placeArticle', 'placePhoto', 'removeFrame', 'reorderParts', 'resizeFrame', 'setPage', 'unlinkContinuation'].sort(),
    );
    for (const [type, n] of seen) expect(n, type).toBeGreaterThanOrEqual(20);
    expect(applied).toBeGreaterThan(rejected);
  });
});
