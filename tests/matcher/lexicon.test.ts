import { expect } from 'chai';
import { parseLexicon } from '../../knowledge/lexicon';
import { ContentError } from '../../knowledge/validate';
import { realKnowledge } from './fixtures';

describe('matcher lexicon', () => {
  const minimal = { shortcuts: {}, synonyms: [], stopWords: [], outOfScope: { conditions: [], bodyParts: [], painWords: [], anchorWords: [] } };

  it('reads domain words and false friends when given', () => {
    const lexicon = parseLexicon({ ...minimal, domainWords: ['knee'], falseFriends: ['ice cream'] }, 'lexicon.json');
    expect({ domainWords: lexicon.domainWords, falseFriends: lexicon.falseFriends }).to.deep.equal({ domainWords: ['knee'], falseFriends: ['ice cream'] });
  });

  it('treats missing domain words and false friends as none', () => {
    const lexicon = parseLexicon(minimal, 'lexicon.json');
    expect([lexicon.domainWords, lexicon.falseFriends]).to.deep.equal([[], []]);
  });

  it('refuses false friends that are not a list of text, naming the field', () => {
    expect(() => parseLexicon({ ...minimal, falseFriends: 'ice cream' }, 'lexicon.json')).to.throw(ContentError, 'falseFriends');
  });

  it('reads body-part idioms when given, none when missing, and refuses ones that are not text', () => {
    const withIdioms = parseLexicon({ ...minimal, outOfScope: { ...minimal.outOfScope, idioms: ['coming back'] } }, 'lexicon.json');
    expect([withIdioms.outOfScope.idioms, parseLexicon(minimal, 'lexicon.json').outOfScope.idioms]).to.deep.equal([['coming back'], []]);
    expect(() => parseLexicon({ ...minimal, outOfScope: { ...minimal.outOfScope, idioms: [3] } }, 'lexicon.json')).to.throw(ContentError, 'outOfScope.idioms');
  });

  it('reads which out-of-scope conditions are not about health, and refuses one that is no condition, naming it', () => {
    const outOfScope = { ...minimal.outOfScope, conditions: ['acl', 'weather'] };
    expect(parseLexicon({ ...minimal, outOfScope: { ...outOfScope, unrelated: ['weather'] } }, 'lexicon.json').outOfScope.unrelated).to.deep.equal(['weather']);
    expect(() => parseLexicon({ ...minimal, outOfScope: { ...outOfScope, unrelated: ['parking'] } }, 'lexicon.json')).to.throw(ContentError, 'outOfScope.unrelated[0]');
  });

  it('has no phrase that is both a synonym and a false friend', () => {
    const { lexicon } = realKnowledge();
    const synonyms = new Set(lexicon.synonyms.flatMap((s) => s.variants));
    expect(lexicon.falseFriends.filter((f) => synonyms.has(f))).to.deep.equal([]);
  });

  it('maps no synonym to a stop word, which the matcher would then drop', () => {
    const { lexicon } = realKnowledge();
    const stopWords = new Set(lexicon.stopWords);
    expect(lexicon.synonyms.map((s) => s.canonical).filter((c) => stopWords.has(c))).to.deep.equal([]);
  });

  it('maps no variant to two different words', () => {
    const { lexicon } = realKnowledge();
    const seen = new Map<string, string>();
    const clashes = lexicon.synonyms.flatMap(({ canonical, variants }) =>
      variants.flatMap((v) => {
        const other = seen.get(v);
        seen.set(v, canonical);
        return other && other !== canonical ? [`${v}: ${other} / ${canonical}`] : [];
      }),
    );
    expect(clashes).to.deep.equal([]);
  });
});
