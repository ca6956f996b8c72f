import { expect } from 'chai';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findProjectRoot } from '../../config/paths';
import { compilePattern, findHits, literalWords, type NegationRules, type Pattern } from '../../triage/phrases';
import type { Normalized } from '../../triage/text';

/** Every pattern in the phrase file: any string that compiles as one. */
function allPatterns(): Pattern[] {
  const raw: unknown = JSON.parse(fs.readFileSync(path.join(findProjectRoot(), 'knowledge', 'triage-phrases.json'), 'utf8'));
  const found = new Map<string, Pattern>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      try {
        found.set(value, compilePattern(value));
      } catch {
        // Not a pattern (a word list entry or a message).
      }
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  walk(raw);
  return [...found.values()];
}

const RULES: NegationRules = { negators: new Set(['no', 'not', 'never']), interjections: new Set(), breakers: new Set(['but']), cancelers: new Set(['sure']), window: 3, throughAdverb: new Set(['not', 'never']), answeredAfter: new Set(['no', 'nah']), answeredAtEnd: new Set(['no']), list: { closers: new Set(['or', 'nor']), itemWords: 3, items: 5, determiners: new Set(['any', 'a', 'an']) } };

function text(tokens: string[]): Normalized {
  return { tokens, padded: ` ${tokens.join(' ')} ` };
}

describe('property: the quick word test before each phrase pattern never hides a match', () => {
  const patterns = allPatterns();
  const words = [...new Set(patterns.flatMap((p) => literalWords(p.source)))];
  // Short texts are scanned, long ones (over 40 tokens) read into a set: both are drawn.
  // The patterns' own words, words that extend them ("twist" -> "twisting"), numbers, breaks and filler.
  const token = fc.oneof(
    fc.constantFrom(...words),
    fc.constantFrom(...words).map((w) => `${w}ing`),
    fc.constantFrom(...words).map((w) => w.slice(0, Math.max(1, w.length - 1))),
    fc.constantFrom('no', 'not', 'my', 'the', 'it', 'is', ',', '3', '10', 'and'),
  );

  it(`finds the same hits with and without the test, for each of the ${patterns.length} patterns in the phrase file`, () => {
    expect(patterns.length).to.be.greaterThan(100);
    expect(patterns.filter((p) => p.anchors !== null).length, 'most patterns should have a quick test').to.be.greaterThan(patterns.length / 2);
    fc.assert(
      fc.property(fc.constantFrom(...patterns), fc.oneof(fc.array(token, { minLength: 1, maxLength: 14 }), fc.array(token, { minLength: 41, maxLength: 70 })), (pattern, tokens) => {
        const t = text(tokens);
        const quick = findHits({ patterns: [pattern], except: [] }, t, RULES);
        const plain = findHits({ patterns: [{ ...pattern, anchors: null }], except: [] }, t, RULES);
        expect(quick).to.deep.equal(plain);
      }),
      { numRuns: 5000 },
    );
  });

  it('still finds every pattern in text built from its own words', () => {
    for (const pattern of patterns.filter((p) => p.anchors !== null)) {
      // A group "(a b|c)" gives its first sequence's words.
      const own = (pattern.source.replace(/^!/, '').match(/\([^()]*\)|\S+/g) ?? [])
        .filter((w) => w !== '...' && !w.startsWith('['))
        .flatMap((w) => (w.startsWith('(') ? w.slice(1, -1).split('|')[0].trim().split(/\s+/) : [w.split('|')[0]]))
        .map((w) => w.replace(/\*$/, '').replace('#', '5'));
      const hits = findHits({ patterns: [pattern], except: [] }, text(own), RULES);
      expect(hits.length, `"${pattern.source}" did not find "${own.join(' ')}"`).to.be.greaterThan(0);
    }
  });
});
