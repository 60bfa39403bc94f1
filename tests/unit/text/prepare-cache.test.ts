// The paragraph cache of prepareParagraph: least recently used out, in batches, never below
// PARAGRAPH_CACHE_SIZE of the most recently used.
import { describe, expect, it } from 'vitest';
import { PARAGRAPH_CACHE_SIZE, PARAGRAPH_EVICT_BATCH, prepareParagraph } from '../../../shared/text/prepare';
import { bodyStyle } from '../../../shared/text/style';
import { createFakeProvider, FAKE_FACE } from '../../helpers/fake-font';

const style = bodyStyle('zh', 10, { face: FAKE_FACE, indent: 0, avoidRunt: false });
const text = (i: number) => `第${i}段`;

describe('paragraph cache', () => {
  it('keeps the most recently used paragraphs and lets the least recently used go', () => {
    const provider = createFakeProvider(); // a cache of its own
    const prepare = (i: number) => prepareParagraph(provider, { text: text(i), style });
    const first = prepare(0);
    const total = PARAGRAPH_CACHE_SIZE + PARAGRAPH_EVICT_BATCH + 1; // one past the batch: the eviction runs once
    const kept: ReturnType<typeof prepare>[] = [first];
    for (let i = 1; i < total; i++) {
      kept.push(prepare(i));
      if (i % 1000 === 0) expect(prepare(0)).toBe(first); // used again: stays the most recent
    }
    // Paragraph 0 was used last at 4000, so 1..3999 and 4001 are older than it: the oldest
    // go first.
    expect(prepare(0)).toBe(first);
    for (let i = total - PARAGRAPH_CACHE_SIZE + 1; i < total; i++) expect(prepare(i)).toBe(kept[i]);
    expect(prepare(1)).not.toBe(kept[1]);
    expect(prepare(1)).toEqual(kept[1]); // prepared again: the same result
  });
});
