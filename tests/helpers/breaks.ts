// Break opportunities drawn into the text, for readable assertions.
import type { Opportunity } from '../../shared/text/uax14';

/** The text with `|` at every allowed break and `!` at every required one (the final one omitted). */
export function markBreaks(text: string, opps: Opportunity[]): string {
  let out = '';
  let last = 0;
  for (const o of opps) {
    if (o.pos === text.length) break;
    out += text.slice(last, o.pos) + (o.required ? '!' : '|');
    last = o.pos;
  }
  return out + text.slice(last);
}
