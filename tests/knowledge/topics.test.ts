import { expect } from 'chai';
import * as path from 'node:path';
import { findProjectRoot } from '../../config/paths';
import { loadKnowledgeBase, parseKnowledgeBase, REQUIRED_TOPIC_IDS } from '../../knowledge/topics';
import { loadLexicon } from '../../knowledge/lexicon';
import { loadMessages } from '../../knowledge/messages';
import { loadIntents } from '../../knowledge/intents';
import { gsm7Length, isGsm7 } from '../../knowledge/gsm7';

const knowledgeDir = path.join(findProjectRoot(), 'knowledge');

function validTopic(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    title: `Title of ${id}`,
    questions: Array.from({ length: 8 }, (_, i) => `question ${i} about ${id}`),
    answer: 'A short answer.',
    followUps: [],
    ...extra,
  };
}

function withTopics(replace: Record<string, Record<string, unknown>> = {}, more: Record<string, unknown>[] = []): unknown {
  return { version: 'test', clinicName: 'Test Clinic', topics: [...REQUIRED_TOPIC_IDS.map((id) => replace[id] ?? validTopic(id)), ...more] };
}

describe('knowledge base', () => {
  const kb = loadKnowledgeBase(knowledgeDir);

  it('has every required topic with at least 8 example questions', () => {
    for (const id of REQUIRED_TOPIC_IDS) {
      const topic = kb.byId.get(id);
      expect(topic, id).to.not.equal(undefined);
      expect(topic?.questions.length, id).to.be.at.least(8);
    }
  });

  it('keeps every answer within two SMS segments of GSM-7 text', () => {
    for (const topic of kb.topics) {
      expect(isGsm7(topic.answer), topic.id).to.equal(true);
      expect(gsm7Length(topic.answer), topic.id).to.be.at.most(306);
    }
  });

  it('carries the guide figures people ask about', () => {
    expect(kb.byId.get('cadence')?.answer).to.match(/170.{0,3}180/);
    expect(kb.byId.get('recovery-time')?.answer).to.match(/2.{0,3}4 weeks/);
    expect(kb.byId.get('orthotics')?.answer + (kb.byId.get('orthotics')?.detail ?? '')).to.match(/23 years/);
  });

  // The check sends a locked knee, a hot swollen knee without fever, calf pain and not bearing weight to same-day care, not 911:
  // the answers about when to get help must say the same.
  it('sends to 911 only the signs the triage protocol calls emergencies', () => {
    for (const id of ['when-to-get-help', 'serious-causes']) {
      const topic = kb.byId.get(id);
      const text = `${topic?.answer ?? ''} ${topic?.detail ?? ''}`;
      const emergencySentences = text.split(/(?<=\.)\s+/).filter((sentence) => /911|emergency (care|department)/.test(sentence));
      expect(emergencySentences.length, id).to.be.greaterThan(0);
      for (const sentence of emergencySentences) expect(sentence, id).to.not.match(/lock|calf|stand|bear weight|put weight/);
    }
  });

  it('loads the lexicon, messages and intents files', () => {
    expect(loadLexicon(knowledgeDir).synonyms.length).to.be.greaterThan(10);
    expect(loadMessages(knowledgeDir).welcome).to.match(/not a diagnosis/);
    expect(loadIntents(knowledgeDir).exact.greeting).to.include('hello');
  });

  const broken: { name: string; data: unknown; message: RegExp }[] = [
    { name: 'no clinic name', data: { version: 'x', topics: [validTopic('causes')] }, message: /topics\.json: clinicName: must be text/ },
    { name: 'a missing required topic', data: { version: 'x', clinicName: 'Test Clinic', topics: [validTopic('causes')] }, message: /topics\.json: topics: required topic "what-is-runners-knee" is missing/ },
    { name: 'an answer over 306 characters', data: withTopics({ ice: validTopic('ice', { answer: 'x'.repeat(307) }) }), message: /topic "ice"\.answer: is 307 SMS characters/ },
    { name: 'a curly apostrophe in an answer', data: withTopics({ ice: validTopic('ice', { answer: 'It\u2019s cold.' }) }), message: /topic "ice"\.answer: uses characters outside GSM-7/ },
    { name: 'too few example questions', data: withTopics({ rest: validTopic('rest', { questions: ['one'] }) }), message: /topic "rest"\.questions: needs at least 8 items/ },
    { name: 'a follow-up that does not exist', data: withTopics({ rest: validTopic('rest', { followUps: ['nope'] }) }), message: /topic "rest"\.followUps\[0\]: names unknown topic "nope"/ },
    { name: 'the same question under two topics', data: withTopics({ rest: validTopic('rest', { questions: [...Array(7).fill(0).map((_, i) => `rest q ${i}`), 'question 0 about ice'] }) }), message: /is also an example question of "ice"|is also an example question of "rest"/ },
    { name: 'a duplicate id', data: withTopics({}, [validTopic('ice', { questions: Array.from({ length: 8 }, (_, i) => `other ${i}`) })]), message: /topic "ice"\.id: is used twice/ },
    { name: 'an unknown action', data: withTopics({ ice: validTopic('ice', { action: 'dance' }) }), message: /topic "ice"\.action: must be one of triage, booking/ },
    { name: 'an unknown contactDetails', data: withTopics({ ice: validTopic('ice', { contactDetails: true }) }), message: /topic "ice"\.contactDetails: must be one of appended, essential/ },
    { name: 'checkDecides not true or false', data: withTopics({ ice: validTopic('ice', { checkDecides: 'yes' }) }), message: /topic "ice"\.checkDecides: must be true or false/ },
    { name: 'an empty title', data: withTopics({ ice: validTopic('ice', { title: '' }) }), message: /topic "ice"\.title: must not be empty/ },
  ];
  for (const { name, data, message } of broken) {
    it(`refuses ${name}, naming the file, entry and field`, () => {
      expect(() => parseKnowledgeBase(data, 'topics.json')).to.throw(message);
    });
  }
});
