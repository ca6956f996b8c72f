import { expect } from 'chai';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { LEVELS, QUESTION_IDS, REASON_IDS } from '../../triage/ids';
import { loadProtocol } from '../../triage/protocol';
import { PROTOCOL_PATH, ROOT } from './helpers';

type Edit = (data: Record<string, unknown>) => void;

interface BrokenCase {
  name: string;
  file?: 'protocol' | 'phrases' | 'model' | 'realWords';
  edit: Edit;
  message: string;
}

function list(data: Record<string, unknown>, key: string): Array<Record<string, unknown>> {
  const value = data[key];
  if (!Array.isArray(value)) throw new Error(`test data: ${key} is not a list`);
  return value;
}

function record(data: unknown): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('test data: not an object');
  return Object.fromEntries(Object.entries(data));
}

const BROKEN: BrokenCase[] = [
  { name: 'an unknown reason id', edit: (d) => { list(d, 'rules')[3].reason = 'foo'; }, message: 'triage-protocol.json: rules[3].reason: unknown reason id "foo"' },
  { name: 'an unknown level', edit: (d) => { list(d, 'rules')[0].level = 'panic'; }, message: 'triage-protocol.json: rules[0].level: unknown level "panic"' },
  { name: 'an unknown code in a rule', edit: (d) => { list(d, 'rules')[0].when = { has: ['red_flags', 'deformed'] }; }, message: 'triage-protocol.json: rules[0].when.has[1]: unknown answer code "deformed" for question "red_flags"' },
  { name: 'an unknown question in a rule', edit: (d) => { list(d, 'rules')[15].when = { eq: ['injured', 'yes'] }; }, message: 'triage-protocol.json: rules[15].when.eq[0]: unknown question id "injured"' },
  { name: 'a missing question', edit: (d) => { d.questions = list(d, 'questions').filter((q) => q.id !== 'trend'); }, message: 'triage-protocol.json: questions: missing question "trend"' },
  { name: 'a missing answer code', edit: (d) => { const q = list(d, 'questions')[4]; q.options = list(q, 'options').filter((o) => o.code !== 'locked'); }, message: 'triage-protocol.json: questions[4].options: missing answer code "locked" for question "red_flags"' },
  { name: 'a reason no rule gives', edit: (d) => { d.rules = list(d, 'rules').filter((r) => r.reason !== 'severe'); }, message: 'triage-protocol.json: rules: no rule gives reason "severe"' },
  { name: 'rules out of order', edit: (d) => { const rules = list(d, 'rules'); d.rules = [rules[5], ...rules.filter((_, i) => i !== 5)]; }, message: 'triage-protocol.json: rules[1].level: rules must be listed from most to least serious level' },
  { name: 'a curly quote in a label', edit: (d) => { list(list(d, 'questions')[0], 'options')[0].label = 'It\u2019s gone'; }, message: 'triage-protocol.json: questions[0].options[0].label: has a character that does not fit an SMS' },
  { name: 'a gap between duration bands', edit: (d) => { list(d, 'durationBands')[1].minDays = 8; }, message: 'triage-protocol.json: durationBands[1].minDays: bands must follow each other with no gap or overlap' },
  { name: 'a missing reason sentence', edit: (d) => { delete record(d.reasons).injury; d.reasons = Object.fromEntries(Object.entries(record(d.reasons)).filter(([k]) => k !== 'injury')); }, message: 'triage-protocol.json: reasons.injury: must be a non-empty string' },
  { name: 'a misspelt field', edit: (d) => { list(d, 'questions')[1].askwhen = {}; }, message: 'triage-protocol.json: questions[1].askwhen: unknown field' },
  { name: 'a missing version', edit: (d) => { delete d.version; }, message: 'triage-protocol.json: version: must be a non-empty string' },
  { name: 'a broken phrase pattern', file: 'phrases', edit: (d) => { list(d, 'yes').length; d.yes = ['yes', 'ye$']; }, message: 'triage-phrases.json: yes[1]: pattern "ye$" has characters other than' },
  { name: 'a real word that is not one lower-case word', file: 'realWords', edit: (d) => { d.words = ['cooked', 'Two words']; }, message: 'real-words.json: words[1]: must be one lower-case word' },
  { name: 'a crisis model threshold out of range', file: 'model', edit: (d) => { d.threshold = 1.5; }, message: 'crisis-model.json: threshold: must be between 0 and 1' },
  { name: 'a crisis model feature of the wrong shape', file: 'model', edit: (d) => { d.weights = { ...record(d.weights), 'x:word': 1 }; }, message: 'crisis-model.json: weights.x:word: a feature is "u:word" or "b:word word"' },
  { name: 'a missing crisis model', edit: (d) => { d.crisisModelFile = 'no-model.json'; }, message: 'no-model.json: cannot read' },
  { name: 'a phrase for an unknown code', file: 'phrases', edit: (d) => { record(record(d.answers).trend).sideways = { answer: ['sideways'] }; const answers = record(d.answers); answers.trend = { ...record(answers.trend), sideways: { answer: ['sideways'] } }; d.answers = answers; }, message: 'triage-phrases.json: answers.trend.sideways: unknown answer code for "trend"' },
];

describe('triage protocol loader', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'triage-protocol-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the clinic protocol with every question, level and reason', () => {
    const p = loadProtocol(PROTOCOL_PATH);
    expect(p.version).to.match(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    expect(p.questions.map((q) => q.id)).to.deep.equal([...QUESTION_IDS]);
    expect([...p.outcomes.keys()]).to.deep.equal([...LEVELS]);
    expect([...p.reasons.keys()]).to.deep.equal([...REASON_IDS]);
    expect(p.safetyQuestions).to.deep.equal(['injury', 'weight_bearing', 'rapid_swelling', 'red_flags']);
    expect(p.messages.persistence).to.include('90 days');
  });

  it('keeps every line it says short and SMS-safe', () => {
    const p = loadProtocol(PROTOCOL_PATH);
    const lines = [
      ...p.questions.flatMap((q) => [q.text, ...q.options.map((o) => o.label)]),
      ...p.reasons.values(),
      ...[...p.outcomes.values()].flatMap((o) => [o.headline, ...o.advice]),
    ];
    for (const line of lines) expect(line, line).to.match(/^[\x20-\x5f\x61-\x7e]+$/);
    for (const q of p.questions) for (const o of q.options) expect(o.label.length, o.label).to.be.at.most(70);
  });

  for (const c of BROKEN) {
    it(`rejects ${c.name}, naming the file, the entry and the field`, () => {
      const protocolCopy = join(dir, 'triage-protocol.json');
      const phrasesCopy = join(dir, 'triage-phrases.json');
      const modelCopy = join(dir, 'crisis-model.json');
      copyFileSync(PROTOCOL_PATH, protocolCopy);
      copyFileSync(resolve(ROOT, 'knowledge/triage-phrases.json'), phrasesCopy);
      copyFileSync(resolve(ROOT, 'knowledge/crisis-model.json'), modelCopy);
      const realWordsCopy = join(dir, 'real-words.json');
      copyFileSync(resolve(ROOT, 'knowledge/real-words.json'), realWordsCopy);
      const target = { phrases: phrasesCopy, model: modelCopy, realWords: realWordsCopy, protocol: protocolCopy }[c.file ?? 'protocol'];
      const data = record(JSON.parse(readFileSync(target, 'utf8')));
      c.edit(data);
      writeFileSync(target, JSON.stringify(data));
      expect(() => loadProtocol(protocolCopy)).to.throw(Error, c.message);
    });
  }

  it('rejects a file that is not JSON, naming it', () => {
    const bad = join(dir, 'triage-protocol.json');
    writeFileSync(bad, '{ "version": ');
    expect(() => loadProtocol(bad)).to.throw(Error, 'triage-protocol.json: not valid JSON');
  });

  it('rejects a missing file, naming it', () => {
    expect(() => loadProtocol(join(dir, 'nope.json'))).to.throw(Error, 'nope.json: cannot read');
  });
});
