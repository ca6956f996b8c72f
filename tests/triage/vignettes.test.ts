import { expect } from 'chai';
import { readTestData } from '../support/data';
import { isLevel, isQuestionId, isReasonId, LEVELS, REASON_IDS } from '../../triage/ids';
import { Protocol } from '../../triage/protocol';
import { converse, Replies } from './conversation';
import { protocol } from './helpers';

interface Vignette {
  name: string;
  opening: string;
  returning: boolean;
  replies: Replies;
  expect: { level: string; reasons: string[] };
}

function readVignettes(file: string): Vignette[] {
  const raw = readTestData<unknown>(file);
  if (!Array.isArray(raw)) throw new Error(`${file}: must be a list`);
  return raw.map((v: Vignette, i: number) => {
    for (const id of Object.keys(v.replies)) if (!isQuestionId(id)) throw new Error(`${file}: vignette ${i}: unknown question "${id}"`);
    if (!isLevel(v.expect.level)) throw new Error(`${file}: vignette ${i}: unknown level "${v.expect.level}"`);
    for (const r of v.expect.reasons) if (!isReasonId(r)) throw new Error(`${file}: vignette ${i}: unknown reason "${r}"`);
    return v;
  });
}

describe('triage vignettes, written as people talk', () => {
  const vignettes = readVignettes('triage-vignettes.json');
  let p: Protocol;
  before(() => {
    p = protocol();
  });

  it('has at least 70 vignettes, at least half of them SMS style', () => {
    expect(vignettes.length).to.be.at.least(70);
    expect(vignettes.filter((v) => v.name.startsWith('sms:')).length * 2).to.be.at.least(vignettes.length);
  });

  it('covers every level and every reason the rules can give', () => {
    const levels = new Set(vignettes.map((v) => v.expect.level));
    const reasons = new Set(vignettes.flatMap((v) => v.expect.reasons));
    expect([...levels].sort()).to.deep.equal([...LEVELS].sort());
    expect(REASON_IDS.filter((r) => r !== 'emergency_message' && !reasons.has(r))).to.deep.equal([]);
  });

  for (const v of vignettes) {
    it(`${v.name} -> ${v.expect.level} (${v.expect.reasons.join(', ')})`, () => {
      const result = converse(p, v.opening, v.returning, v.replies);
      expect({ level: result.level, reasons: result.reasons }, `asked: ${result.asked.join(', ')}`).to.deep.equal(v.expect);
    });
  }
});

// Written from the protocol alone, without sight of the phrase lists or the rules' code.
describe('triage vignettes written apart from the phrase lists', () => {
  const vignettes = readVignettes('triage-vignettes-blind.json');
  let p: Protocol;
  before(() => {
    p = protocol();
  });

  for (const v of vignettes) {
    it(`${v.name} -> ${v.expect.level} (${v.expect.reasons.join(', ')})`, () => {
      const result = converse(p, v.opening, v.returning, v.replies);
      expect({ level: result.level, reasons: result.reasons }, `asked: ${result.asked.join(', ')}`).to.deep.equal(v.expect);
    });
  }
});
