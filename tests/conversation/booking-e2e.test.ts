import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { Person, startTestBot, type TestBot } from '../support/bot';

interface Received {
  method: string;
  url: string;
  body: string;
}

/** Stands in for the Teams channel service, as the Bot Framework Emulator does for local bots. */
async function startChannelStandIn(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  let next = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `posted-${++next}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  // A liveness bound for the outbox worker, not a performance claim.
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

const TENANT = 'tenant-clinic';
const STAFF_AAD = 'aad-staff-1';

describe('booking handoff through the whole bot, to staff in Teams', () => {
  let bot: TestBot;
  let teams: Awaited<ReturnType<typeof startChannelStandIn>>;
  let staff: Person;

  before(async () => {
    teams = await startChannelStandIn();
    bot = await startTestBot({ env: { STAFF_TENANT_ID: TENANT, STAFF_USER_IDS: STAFF_AAD, BOOKING_URL: 'https://clinic.example/book', CLINIC_PHONE: '416-555-0100' } });
    staff = new Person(bot.url, 'msteams', 'teams-staff-1', {
      serviceUrl: teams.url,
      from: { id: 'teams-staff-1', aadObjectId: STAFF_AAD, name: 'Staff' },
      channelData: { tenant: { id: TENANT } },
    });
  });
  after(async () => {
    await bot?.stop();
    await teams?.close();
  });

  it('takes a book outcome to a stored request, a card in the staff chat, the staff list, contacted and closed', async () => {
    expect((await staff.say('use this chat for requests')).text).to.match(/post new call-back requests in this chat/);

    const person = new Person(bot.url);
    let turn = await person.say('my knee hurts');
    const replies: Record<string, string> = { injury: 'no', red_flags: 'none', age: '30', duration: 'two months', trend: 'same', location: 'front', severity: '4', recurrent: 'no', aggravators: 'stairs' };
    for (let i = 0; i < 12 && turn.entity('triage.question'); i++) turn = await person.say(replies[String(turn.entity('triage.question')?.id)] ?? 'no');
    expect(turn.entity('triage.outcome')?.level).to.equal('book');
    expect(turn.entity('booking.offer')).to.not.equal(undefined);
    expect(JSON.stringify(turn.activities)).to.include('booking:callback');

    const consent = await person.press('booking:callback');
    expect(consent.entity('booking.question')?.id).to.equal('consent');
    expect(consent.text, 'the check done is stored with the request, and the question says so').to.include('summary of your symptom check');
    const noCheck = new Person(bot.url);
    expect((await noCheck.press('booking:callback')).text, 'with no check, none is mentioned').to.not.include('symptom check');
    await noCheck.say('cancel');
    expect((await person.say('yes I agree')).entity('booking.question')?.id).to.equal('name');
    expect((await person.say('Priya Ramanathan')).entity('booking.question')?.id).to.equal('contact');
    expect((await person.say('416 555 0199')).entity('booking.question')?.id).to.equal('time');
    const confirmed = await person.say('weekday mornings');
    const reference = String(confirmed.entity('booking.requested')?.reference ?? '');
    expect(reference).to.match(/^KN-[A-Z0-9]{4}$/);

    await eventually(() => teams.received.some((r) => r.method === 'POST' && r.body.includes(reference)), 'the staff card');
    const card = teams.received.find((r) => r.body.includes(reference));
    expect(card?.body).to.include('Priya Ramanathan').and.include('application/vnd.microsoft.card.adaptive').and.include('Book an assessment').and.include('2026');

    const list = await staff.say('open requests');
    expect(list.entity('booking.list')?.references).to.include(reference);

    // The card's button, as Teams may send it: its data as the value, with no text.
    const pressed = await staff.post({ type: 'message', value: { msteams: { type: 'messageBack' }, value: `staff:contacted:${reference}` } });
    expect(pressed.text).to.include(reference).and.match(/contacted/);
    await eventually(() => teams.received.some((r) => r.method === 'PUT' && r.body.includes('contacted')), 'the card updated to contacted');
    await staff.say(`close ${reference}`);
    const after = await staff.say('open requests');
    expect((after.entity('booking.list')?.references ?? [])).to.not.include(reference);
  });

  // From a black-box test in Teams: unknown desk commands got the patients' reply, and were kept as knowledge-base gaps.
  it('tells staff an unknown command naming a request is none, with the commands, and keeps no staff message as a gap', async () => {
    const before = await bot.running.database.unanswered.since(new Date(0));
    const reopen = await staff.say('reopen KN-7YZ4');
    expect(reopen.text).to.match(/don't know that command/).and.include('open requests');
    expect(reopen.entity('kb.noMatch')).to.equal(undefined);
    await staff.say('do you treat tennis elbow?');
    expect(await bot.running.database.unanswered.since(new Date(0))).to.have.length(before.length);
  });

  it('never shows requests to anyone who is not staff, on any channel', async () => {
    const person = new Person(bot.url);
    await person.press('booking:callback');
    await person.say('yes');
    await person.say('Hidden Person');
    await person.say('hidden@example.com');
    const reference = String((await person.say('any time')).entity('booking.requested')?.reference ?? '');
    expect(reference).to.match(/^KN-/);

    const outsiders = [
      new Person(bot.url, 'msteams', 'teams-other', { from: { id: 'teams-other', aadObjectId: 'aad-not-staff' }, channelData: { tenant: { id: TENANT } } }),
      new Person(bot.url, 'msteams', 'teams-foreign', { from: { id: 'teams-foreign', aadObjectId: STAFF_AAD }, channelData: { tenant: { id: 'another-tenant' } } }),
      new Person(bot.url, 'webchat', 'teams-staff-1', { from: { id: 'teams-staff-1', aadObjectId: STAFF_AAD }, channelData: { tenant: { id: TENANT } } }),
      new Person(bot.url, 'sms', '+14165550150'),
    ];
    for (const outsider of outsiders) {
      for (const attempt of ['open requests', `show ${reference}`, `contacted ${reference}`, 'staff:list']) {
        const turn = await outsider.say(attempt);
        expect(turn.entity('booking.list'), attempt).to.equal(undefined);
        expect(turn.text, attempt).to.not.include('Hidden Person').and.not.include('hidden@example.com');
      }
    }
  });

  it('keeps nothing identifying when consent is refused', async () => {
    const person = new Person(bot.url);
    await person.press('booking:callback');
    const refused = await person.say('no thanks');
    expect(refused.entity('booking.requested')).to.equal(undefined);
    const rows = await bot.running.database.sql.query<{ value: string }>('SELECT value FROM state', []);
    expect(rows.map((r) => r.value).join(' ')).to.not.include('consent');
  });
});
