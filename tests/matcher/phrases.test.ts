import { expect } from 'chai';
import * as path from 'node:path';
import { findProjectRoot } from '../../config/paths';
import { loadLexicon } from '../../knowledge/lexicon';
import { PhraseTable, words } from '../../matcher/phrases';

describe('phrase table', () => {
  const table = new PhraseTable(new Set(loadLexicon(path.join(findProjectRoot(), 'knowledge')).fillers));
  table.add('if i leave it', 'selfheal');
  table.add('do not run', 'nonrunner');
  table.add('just runners', 'nonrunner');
  table.add('massage gun', 'foamroll');
  const replaced = (text: string, minLength?: number) => table.replaceIn(words(text), minLength);

  it('steps over words people drop into the middle of a phrase', () => {
    expect(replaced('will it heal if i just leave it')).to.deep.equal(['will', 'it', 'heal', 'selfheal']);
    expect(replaced('i do not even run')).to.deep.equal(['i', 'nonrunner']);
  });

  it('still matches a phrase that holds such a word itself', () => {
    expect(replaced('is it just runners')).to.deep.equal(['is', 'it', 'nonrunner']);
  });

  it('does not step over a word that changes the phrase', () => {
    expect(replaced('if i never leave it')).to.deep.equal(['if', 'i', 'never', 'leave', 'it']);
  });

  it('replaces only phrases of at least the given length when asked', () => {
    table.add('gun', 'weapon');
    expect(replaced('a massage gun', 2)).to.deep.equal(['a', 'foamroll']);
    expect(replaced('a gun', 2)).to.deep.equal(['a', 'gun']);
  });

  it('gives way to a phrase of another table that takes over its last words and runs past it', () => {
    const friends = new PhraseTable(new Set());
    friends.add('how do i start running', 'howdoistartrunning');
    friends.add('what is a tempo', 'whatisatempo');
    const domain = new PhraseTable(new Set());
    domain.add('start running again', 'return');
    domain.add('tempo run', 'intensity');
    expect(friends.replaceIn(words('how do i start running again'), 1, domain)).to.deep.equal(['how', 'do', 'i', 'start', 'running', 'again']);
    expect(friends.replaceIn(words('how do i start running'), 1, domain)).to.deep.equal(['howdoistartrunning']);
    // One last word shared is not enough: "what is a tempo run" still asks what a tempo run is.
    expect(friends.replaceIn(words('what is a tempo run'), 1, domain)).to.deep.equal(['whatisatempo', 'run']);
  });
});
