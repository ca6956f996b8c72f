import { expect } from 'chai';
import fc from 'fast-check';
import type { Database } from '../../storage';
import { TestTarget, enginesUnderTest, readTestEnvironment } from '../storage/engines';
import { STAFF_AAD, STAFF_TENANT, createHarness, fakeClock, loadContent, person, staffMember, type Content, type Harness, type Speaker } from '../booking/harness';

const environment = readTestEnvironment(process.env);
const SECRETS = ['Zed', 'Quixote', '0166', 'zed.q@example.net', 'Thursdays'];

/** Everyone who is not staff, including people who claim staff identity where it cannot count. */
const STRANGERS: [string, Speaker][] = [
  ['a Web Chat visitor', person('webchat', 'stranger')],
  ['an SMS texter', { ...person('sms', 'stranger'), userId: '+16475550111' }],
  ['an Emulator user', person('emulator', 'stranger')],
  ['a Teams user of the clinic who is not listed', { ...staffMember('personal'), userId: '29:other', aadObjectId: '99999999-0000-0000-0000-000000000000', conversationId: 'a:other' }],
  ['a listed object id from another tenant', { ...staffMember('personal'), tenantId: '00000000-0000-0000-0000-000000000000', conversationId: 'a:foreign' }],
  ['a Web Chat visitor claiming a staff object id and tenant', { ...person('webchat', 'spoof'), aadObjectId: STAFF_AAD, tenantId: STAFF_TENANT }],
];

for (const engine of enginesUnderTest(environment)) {
  describe(`what people who are not staff can see, on ${engine.name}`, function () {
    let content: Content;
    let target: TestTarget;
    let database: Database;
    let harness: Harness;
    let reference: string;

    before(async function () {
      await engine.requireAvailable(this);
      content = loadContent();
    });

    beforeEach(async () => {
      target = await engine.createTarget();
      database = await target.open();
      harness = createHarness({ content, database, clock: fakeClock() });
      const owner = person('webchat', 'owner');
      for (const [text, value] of [['', 'booking:callback'], ['yes', undefined], ['Zed Quixote', undefined], ['zed.q@example.net', undefined]] as const) {
        await harness.say(owner, text, { value });
      }
      reference = (await harness.say(owner, 'Thursdays, 416-555-0166 also works')).entity('booking.requested')?.reference ?? '';
      expect(reference).to.match(/^KN-/);
    });

    afterEach(async () => {
      await target.dispose();
    });

    async function expectNothingChanged(): Promise<void> {
      const record = await database.bookings.byReference(reference);
      expect(record).to.deep.include({ status: 'open', name: 'Zed Quixote' });
      expect(await database.accessLog.entries()).to.deep.equal([]);
      expect(await database.staffConversations.keys()).to.deep.equal([]);
    }

    const attempts = (ref: string): [string, string | undefined][] => [
      ['open requests', undefined],
      ['requests', undefined],
      [`show ${ref}`, undefined],
      [ref, undefined],
      [ref.toLowerCase().replace('-', ' '), undefined],
      [`contacted ${ref}`, undefined],
      [`close ${ref}`, undefined],
      ['', `staff:show:${ref}`],
      ['', `staff:contacted:${ref}`],
      ['', 'staff:list'],
      ['use this chat for requests', undefined],
      [`who is ${ref}?`, undefined],
      ['delete my data', undefined],
    ];

    for (const [who, speaker] of STRANGERS) {
      it(`never shows or changes a request for ${who}, whatever they type`, async () => {
        for (const [text, value] of attempts(reference)) {
          const turn = await harness.say(speaker, text, { value });
          const leaked = SECRETS.filter((secret) => turn.text.includes(secret));
          expect(leaked, `"${text || value}" leaked`).to.deep.equal([]);
          expect(turn.entity('booking.list'), `"${text || value}" listed requests`).to.equal(undefined);
        }
        await expectNothingChanged();
      });
    }

    it('never shows a request to a listed staff member when staff identity cannot be trusted', async () => {
      const untrusted = createHarness({ content, database, clock: fakeClock(), staff: { tenantId: STAFF_TENANT, userIds: [STAFF_AAD], trusted: false } });
      for (const [text, value] of attempts(reference)) {
        const turn = await untrusted.say(staffMember('channel'), text, { value });
        expect(SECRETS.filter((secret) => turn.text.includes(secret)), `"${text || value}" leaked`).to.deep.equal([]);
      }
      await expectNothingChanged();
    });

    it("shows a person only their own details in their own call-back request", async () => {
      const other = person('webchat', 'other');
      for (const [text, value] of [['', 'booking:callback'], ['yes', undefined], ['Ann Other', undefined], ['ann@example.org', undefined]] as const) {
        const turn = await harness.say(other, text, { value });
        expect(SECRETS.filter((secret) => turn.text.includes(secret))).to.deep.equal([]);
      }
      // Another request's reference typed as the time to call: no time, so asked again, and nothing of that request shown.
      const asked = await harness.say(other, reference);
      expect(SECRETS.filter((secret) => asked.text.includes(secret))).to.deep.equal([]);
      expect(asked.entity('booking.question')?.id).to.equal('time');
      const done = await harness.say(other, 'evenings');
      expect(done.text).to.include('Ann Other').and.not.include('Zed');
      expect(done.entity('booking.requested')?.reference).to.not.equal(reference);
    });

    it('leaks nothing to a visitor for any text built around the reference', async () => {
      const stranger = person('webchat', 'fuzz');
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 20 }), fc.constantFrom('show', 'open', 'contacted', 'close', 'staff:show:', 'list', ''), fc.string({ maxLength: 20 }), async (before, verb, after) => {
          const turn = await harness.say(stranger, `${before} ${verb} ${reference} ${after}`);
          return SECRETS.every((secret) => !turn.text.includes(secret)) && turn.entity('booking.list') === undefined;
        }),
        { numRuns: 40 },
      );
      await expectNothingChanged();
    });
  });
}
