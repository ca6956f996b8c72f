import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findProjectRoot } from '../../config/paths';
import { HELD_OUT_FILE, modelText, trainCrisisModel, trainingData } from '../../scripts/crisis-train';
import { realWordsText, realWordsToKeep } from '../../scripts/real-words';
import { crisisLikely } from '../../triage/crisis-model';
import { findHits } from '../../triage/phrases';
import { Protocol } from '../../triage/protocol';
import { screenMessage } from '../../triage/safety';
import { normalize } from '../../triage/text';
import { readTestData } from '../support/data';
import { CTX, protocol } from './helpers';

interface HeldOut {
  crisis: string[];
  notCrisis: string[];
}

describe('the crisis model beside the phrase lists', () => {
  const root = findProjectRoot();
  const heldOut = readTestData<HeldOut>(HELD_OUT_FILE);
  let p: Protocol;
  before(() => {
    p = protocol();
  });

  it('is the model the training data gives: retrain (npm run safety:train) after changing the messages', function () {
    this.timeout(60_000);
    const committed = readFileSync(path.join(root, 'knowledge', 'crisis-model.json'), 'utf8');
    expect(modelText(trainCrisisModel(root)) === committed, 'knowledge/crisis-model.json is out of date').to.equal(true);
  });

  it('is never trained on the held-out messages', () => {
    const { crisis, everyday } = trainingData(root);
    const trained = new Set([...crisis, ...everyday]);
    expect([...heldOut.crisis, ...heldOut.notCrisis].filter((t) => trained.has(t))).to.deep.equal([]);
  });

  // Written apart from the phrase lists and the model (tests/data/crisis-heldout.json, two sets): the lists alone catch 48 of
  // its 130 crisis messages; with the model, 90 (69%), and 2 of its 120 near-misses are read as crisis. On the second set,
  // measured first after the threshold was chosen on the first: 45 of 60 (the lists alone 24), 1 of 60 near-misses. The floors below leave room for retraining, not for losing the model.
  it('with the phrase lists, offers crisis resources for most crisis talk it has not seen (at least 60%)', () => {
    const caught = heldOut.crisis.filter((t) => ['crisis', 'possibleCrisis'].includes(screenMessage(p, t, CTX, { emergency: true }) ?? ''));
    expect(caught.length / heldOut.crisis.length).to.be.at.least(0.6);
  });

  it('reads few of the held-out everyday messages that sound like crisis talk as crisis (at most 1 in 20)', () => {
    const misread = heldOut.notCrisis.filter((t) => ['crisis', 'possibleCrisis'].includes(screenMessage(p, t, CTX, { emergency: true }) ?? ''));
    expect(misread.length / heldOut.notCrisis.length, misread.join('\n')).to.be.at.most(1 / 20);
  });

  it('reads no question, answer or report of the knee data as crisis talk', () => {
    const { everyday } = trainingData(root);
    const lex = p.language.lexicon;
    expect(everyday.filter((t) => crisisLikely(p.crisisModel, normalize(t, lex)))).to.deep.equal([]);
  });

  it('catches held-out crisis talk the phrase lists miss', () => {
    const lex = p.language.lexicon;
    const byModelAlone = heldOut.crisis.filter((t) => findHits(p.language.crisis, normalize(t, lex), p.language.negation).length === 0 && crisisLikely(p.crisisModel, normalize(t, lex)));
    expect(byModelAlone.length).to.be.at.least(15);
  });
});

describe('the English words the typo fix leaves alone', () => {
  it('are the words the phrases and WordNet give: make them again (npm run safety:train) after changing the phrases', function () {
    this.timeout(60_000);
    const committed = readFileSync(path.join(findProjectRoot(), 'knowledge', 'real-words.json'), 'utf8');
    expect(realWordsText(realWordsToKeep(findProjectRoot())) === committed, 'knowledge/real-words.json is out of date').to.equal(true);
  });

  it('keep "cooked" and "infection" as they are, and still mend "crokked" and "swolen"', () => {
    const p = protocol();
    const read = (text: string) => normalize(text, p.language.lexicon).tokens.join(' ');
    expect(read('knees cooked')).to.equal('knee cooked');
    expect(read('an infection')).to.equal('an infection');
    expect(read('looks crokked')).to.equal('looks crooked');
    expect(read('very swolen')).to.equal('very swollen');
  });
});
