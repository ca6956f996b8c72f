import { expect } from 'chai';
import type { Database } from '../../storage';
import { freshDatabaseEachTest, sqliteEngine } from '../storage/engines';
import { STAFF_AAD, STAFF_TENANT, createHarness, fakeClock, loadContent, person, staffMember, type Clock, type Content, type Harness, type Speaker } from '../booking/harness';
import { staffIdentity } from '../../staff/identity';

describe('the staff desk', function () {
  let content: Content;
  let database: Database;
  let harness: Harness;
  let clock: Clock;

  before(() => {
    content = loadContent();
  });

  freshDatabaseEachTest(sqliteEngine(), (opened) => {
    database = opened;
    clock = fakeClock();
    harness = createHarness({ content, database, clock });
  });

  async function request(name: string): Promise<string> {
    clock.advance(60_000);
    const who = person('webchat', name);
    for (const [text, value] of [['', 'booking:callback'], ['yes', undefined], [name, undefined], ['416-555-0123', undefined]] as const) {
      await harness.say(who, text, { value });
    }
    return (await harness.say(who, 'any time')).entity('booking.requested')?.reference ?? '';
  }

  /** The bot added to a Teams conversation by this staff member, as kneeBot will report it. */
  function installedBy(staff: Speaker) {
    const activity = {
      channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9', from: { id: staff.userId, aadObjectId: staff.aadObjectId }, recipient: { id: '28:bot' },
      conversation: { id: staff.conversationId, conversationType: staff.conversationType, tenantId: staff.tenantId }, channelData: { tenant: { id: staff.tenantId } },
    };
    const identity = staffIdentity(activity, { tenantId: STAFF_TENANT, userIds: [STAFF_AAD], trusted: true });
    if (!identity) throw new Error('not staff');
    return harness.handoff.desk.installed(identity);
  }

  it('takes the first conversation it is installed in by staff, and keeps it when installed elsewhere', async () => {
    expect((await installedBy(staffMember('channel'))).map((r) => r.text).join(' ')).to.match(/post new call-back requests in this chat/);
    const elsewhere = await installedBy({ ...staffMember('channel'), conversationId: '19:another@thread.tacv2' });
    expect(elsewhere.map((r) => r.text).join(' ')).to.not.match(/post new call-back requests/);
    expect(await database.staffConversations.keys()).to.deep.equal(['msteams/19:staff-room@thread.tacv2']);
  });

  it('tells staff writing about a patient in crisis or an emergency what to do for that person, and goes on taking commands', async () => {
    const staff = staffMember('personal');
    const crisis = await harness.say(staff, 'KN-1234 texted that she wants to kill herself, what do I do?');
    expect(crisis.entity('safety.crisis')).to.not.equal(undefined);
    expect(crisis.text).to.match(/patient/);
    expect(crisis.text).to.match(/9-8-8/);
    const emergency = await harness.say(staff, "a patient on the phone says her foot is cold and blue and she can't feel it");
    expect(emergency.entity('triage.outcome')).to.deep.include({ level: 'emergency', reasons: ['emergency_message'] });
    expect(emergency.text).to.match(/patient with these signs/);
    // No emergency hold on the staff chat: the desk still answers.
    expect((await harness.say(staff, 'open requests')).entity('booking.list')).to.not.equal(undefined);
  });

  it('stops posting in a chat when staff ask, and says so when it was not posting there', async () => {
    const staff = staffMember('channel');
    await harness.say(staff, 'use this chat for requests');
    expect((await harness.say(staff, 'stop sending requests here')).text).to.match(/won't post/);
    expect((await harness.say(staff, 'stop sending requests here')).text).to.match(/wasn't posting/);
    expect(await database.staffConversations.keys()).to.deep.equal([]);
  });

  // From a black-box test in Teams: patients' details shown, and made the feed, in a group chat where anyone may read.
  it('neither shows nor posts requests in a group chat, and says where to ask', async () => {
    const reference = await request('Maria Lopez');
    const group = staffMember('groupChat');
    for (const text of ['open requests', `show ${reference}`, 'use this chat for requests']) {
      const turn = await harness.say(group, text);
      expect(turn.text, text).to.match(/don't show or post call-back requests in a group chat/).and.not.include('Maria');
    }
    expect(await database.staffConversations.keys()).to.deep.equal([]);
    expect(await database.accessLog.entries()).to.have.length(0);
    expect((await harness.say(staffMember('personal'), `show ${reference}`)).text).to.include('Maria Lopez');
  });

  it('lists the oldest requests first, says how many more there are, and offers to show each', async () => {
    const references: string[] = [];
    for (let n = 0; n < 7; n++) references.push(await request(`Person ${'ABCDEFG'[n]}`));
    const list = await harness.say(staffMember(), 'open requests');
    expect(list.entity('booking.list')?.references).to.deep.equal(references.slice(0, 5));
    expect(list.text).to.include('Showing 1 to 5 of 7');
    expect(list.replies[0].choices?.[0]).to.deep.equal({ label: `Show ${references[0]}`, value: `staff:show:${references[0]}` });
    // Teams shows at most six buttons on a card on desktop and the web: the next page's button must be one of them.
    expect(list.replies[0].choices).to.have.length(6);
    expect(await database.accessLog.entries()).to.have.length(5);
    // The rest a button away.
    const next = list.replies[0].choices?.at(-1);
    expect(next).to.deep.equal({ label: 'Show the next 2', value: 'staff:list:5' });
    const rest = await harness.say(staffMember(), '', { value: next?.value });
    expect(rest.entity('booking.list')?.references).to.deep.equal(references.slice(5));
    expect(rest.text).to.include('Showing 6 to 7 of 7');
    expect(rest.replies[0].choices?.map((c) => c.value)).to.not.include('staff:list:7');
  });

  it('puts an urgent request first on the first page, however many older ones wait', async () => {
    for (let n = 0; n < 11; n++) await request(`Person ${'ABCDEFGHIJK'[n]}`);
    const who = person('webchat', 'Uma Urgent');
    harness.restore(who, { lastOutcome: { level: 'urgent', reasons: ['locked_knee'], answers: { injury: 'no' }, protocol: content.protocol.version } });
    for (const [text, value] of [['', 'booking:callback'], ['yes', undefined], ['Uma Urgent', undefined], ['416-555-0123', undefined]] as const) await harness.say(who, text, { value });
    const urgent = (await harness.say(who, 'any time')).entity('booking.requested')?.reference ?? '';
    const list = await harness.say(staffMember(), 'open requests');
    expect(list.entity('booking.list')?.references?.[0]).to.equal(urgent);
  });

  it('lists and titles a request whose check advised being seen today as urgent, first', async () => {
    const routine = await request('Rita Routine');
    const who = person('webchat', 'Uma Urgent');
    harness.restore(who, { lastOutcome: { level: 'urgent', reasons: ['locked_knee'], answers: { injury: 'no' }, protocol: content.protocol.version } });
    for (const [text, value] of [['', 'booking:callback'], ['yes', undefined], ['Uma Urgent', undefined], ['416-555-0123', undefined]] as const) await harness.say(who, text, { value });
    const urgent = (await harness.say(who, 'any time')).entity('booking.requested')?.reference ?? '';
    const list = await harness.say(staffMember(), 'open requests');
    expect(list.entity('booking.list')?.references).to.deep.equal([urgent, routine]);
    expect(String(list.replies[0].text).split('\n')[0]).to.match(/^URGENT /).and.include(urgent);
    expect(String(list.replies[0].text).split('\n')[1]).to.not.include('URGENT');
    expect((await harness.say(staffMember(), `show ${urgent}`)).replies[0].title).to.match(/^URGENT/);
    expect((await harness.say(staffMember(), `show ${routine}`)).replies[0].title).to.not.match(/URGENT/);
  });

  it('reads commands with words around them, and answers "help" with the commands', async () => {
    const reference = await request('Sam');
    expect((await harness.say(staffMember(), 'show me all the open requests please')).entity('booking.list')?.references).to.deep.equal([reference]);
    expect((await harness.say(staffMember(), `mark ${reference} as contacted`)).text).to.include('marked contacted');
    expect((await harness.say(staffMember(), `close request ${reference}`)).text).to.include('marked closed');
    expect((await harness.say(staffMember(), 'help')).text).to.include('open requests').and.include('use this chat for requests');
  });

  it('says when another chat stops getting new requests, and when none is left to get them', async () => {
    const channel = staffMember('channel');
    await harness.say(channel, 'use this chat for requests');
    const personal = { ...staffMember('personal'), conversationId: 'a:staff-own-chat' };
    expect((await harness.say(personal, 'use this chat for requests')).text).to.match(/Another chat had them until now/);
    expect((await harness.say(personal, 'stop posting requests here')).text).to.match(/No chat gets new requests now/);
  });

  it('says when a reference is unknown, without logging a view', async () => {
    expect((await harness.say(staffMember(), 'show KN-2345')).text).to.include("can't find");
    expect((await harness.say(staffMember(), 'close KN-2345')).text).to.include("can't find");
    expect(await database.accessLog.entries()).to.deep.equal([]);
  });

  it('refuses to reopen a closed request and logs only real changes', async () => {
    const reference = await request('Sam');
    expect((await harness.say(staffMember(), `close ${reference}`)).text).to.include('marked closed');
    expect((await harness.say(staffMember(), `contacted ${reference}`)).text).to.include("can't be marked contacted");
    expect((await database.accessLog.entries(reference)).map((entry) => entry.action)).to.deep.equal(['closed']);
  });

  it('leaves questions from staff to the FAQ', async () => {
    const turn = await harness.say(staffMember(), 'how long does runners knee take to heal?');
    expect(turn.entity('kb.answer')).to.not.equal(undefined);
  });
});
