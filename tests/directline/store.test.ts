import { expect } from 'chai';
import { MemoryConversationStore } from '../../server/directline/store';

describe('the in-memory conversation store', () => {
  const message = (text: string) => ({ type: 'message', text });

  it('gives activities sequential ids and serves those after a watermark', async () => {
    const store = new MemoryConversationStore(() => 0);
    await store.start('c', 'u');
    const stored = await store.append('c', [message('a'), message('b')]);
    expect(stored.map((a) => a.id)).to.deep.equal(['c|0000001', 'c|0000002']);
    await store.append('c', [message('c')]);
    expect(await store.since('c', 1)).to.deep.equal({ activities: [{ ...message('b'), id: 'c|0000002' }, { ...message('c'), id: 'c|0000003' }], watermark: 3 });
    expect(await store.since('c', 0)).to.have.nested.property('activities.length', 3);
    expect(await store.since('c', 9)).to.deep.equal({ activities: [], watermark: 3 });
  });

  it('starts a conversation once and remembers its user', async () => {
    const store = new MemoryConversationStore(() => 0);
    expect(await store.start('c', 'u')).to.equal(true);
    expect(await store.start('c', 'other')).to.equal(false);
    expect(await store.userOf('c')).to.equal('u');
    expect(await store.userOf('unknown')).to.equal(undefined);
  });

  it('forgets the least recently used conversation when full', async () => {
    const store = new MemoryConversationStore(() => 0, { maxConversations: 2 });
    await store.start('a', 'u');
    await store.start('b', 'u');
    await store.userOf('a');
    await store.start('c', 'u');
    expect(store.size).to.equal(2);
    expect(await store.userOf('b')).to.equal(undefined);
    expect(await store.userOf('a')).to.equal('u');
  });

  it('forgets a conversation left idle too long', async () => {
    let clock = 0;
    const store = new MemoryConversationStore(() => clock, { idleMs: 1000 });
    await store.start('a', 'u');
    clock = 1001;
    expect(await store.since('a', 0)).to.equal(undefined);
    expect(store.size).to.equal(0);
  });

  it('keeps only the newest activities of a long conversation, with ids and watermarks unchanged', async () => {
    const store = new MemoryConversationStore(() => 0, { maxActivities: 2 });
    await store.start('c', 'u');
    await store.append('c', [message('1'), message('2'), message('3')]);
    const all = await store.since('c', 0);
    expect(all?.activities.map((a) => a.id)).to.deep.equal(['c|0000002', 'c|0000003']);
    expect((await store.since('c', 2))?.activities.map((a) => a.text)).to.deep.equal(['3']);
  });
});
