import { expect } from 'chai';
import path from 'node:path';
import { findProjectRoot } from '../../config/paths';
import { loadBookingMessages } from '../../knowledge/booking-messages';
import { loadProtocol } from '../../triage';
import type { BookingRecord, BookingStatus } from '../../storage/bookings';
import { staffActions, staffCard, staffCardActivity, webhookPayload, type CardContext } from '../../staff/card';

const knowledge = path.join(findProjectRoot(), 'knowledge');
const protocol = loadProtocol(path.join(knowledge, 'triage-protocol.json'));
const ctx: CardContext = { words: loadBookingMessages(knowledge), protocol, timeZone: 'America/Toronto' };

function record(status: BookingStatus = 'open'): BookingRecord {
  const tombstone = status === 'withdrawn' || status === 'expired';
  return {
    id: 'id-1', reference: 'KN-7F3Q', status, channel: 'sms',
    createdAt: new Date('2025-03-10T14:05:00.000Z'), updatedAt: new Date('2025-03-10T14:05:00.000Z'),
    ...(tombstone ? { consentBy: 'guardian' } : {
      name: 'Lee Chan', consentBy: 'guardian', contact: { kind: 'phone', value: '+14165550123' },
      preferredTime: { text: 'tomorrow after 5pm', hint: { at: '2025-03-11T21:00:00.000Z', precision: 'time' } },
      summary: { level: 'doctor', reasons: ['night_pain_or_weight_loss'], answers: { age: 'child', severity: 7, aggravators: ['stairs', 'running'] }, protocol: protocol.version },
    }),
  };
}

const text = (value: unknown) => JSON.stringify(value);

describe('the staff card', () => {
  it('shows who, how to reach them, when, and the symptom check with its protocol version', () => {
    const card = text(staffCard(record(), ctx));
    for (const fact of ['KN-7F3Q', 'Lee Chan', '(416) 555-0123', 'tomorrow after 5pm (read as Tue, Mar 11, 5:00 p.m.)', 'Mon, Mar 10, 10:05 a.m.',
      'Given by a parent or guardian', 'sms', 'See a doctor', protocol.reasons.get('night_pain_or_weight_loss'), 'Under 16', 'Worst pain (0-10)', '"7"', 'Stairs; Running', protocol.version]) {
      expect(card, String(fact)).to.include(String(fact));
    }
  });

  it('titles a request whose check advised being seen today as urgent, in the warning colour and in the notification', () => {
    const routine = staffCard(record(), ctx);
    const urgentRecord = { ...record(), summary: { level: 'urgent', reasons: ['locked_knee'], answers: {}, protocol: protocol.version } } as BookingRecord;
    const urgent = staffCard(urgentRecord, ctx) as { body: { text: string; color?: string }[] };
    expect(urgent.body[0]).to.deep.include({ text: 'URGENT: call-back request KN-7F3Q, advised to be seen today', color: 'Attention' });
    expect(staffCardActivity(urgentRecord, ctx).summary).to.match(/^URGENT/);
    expect((routine as { body: { color?: string }[] }).body[0].color).to.equal(undefined);
  });

  const buttons: [BookingStatus, string[]][] = [
    ['open', ['staff:contacted:KN-7F3Q', 'staff:close:KN-7F3Q']],
    ['contacted', ['staff:close:KN-7F3Q']],
    ['closed', []],
    ['withdrawn', []],
    ['expired', []],
  ];
  for (const [status, values] of buttons) {
    it(`offers ${values.length ? values.join(' and ') : 'no buttons'} on a request that is ${status}`, () => {
      expect(staffActions(record(status), ctx).map((action) => action.value)).to.deep.equal(values);
    });
  }

  it('sends button presses back as Teams messageBack text the desk reads', () => {
    const actions = staffCard(record(), ctx).actions;
    expect(text(actions)).to.include('"type":"messageBack","text":"staff:contacted:KN-7F3Q"');
  });

  for (const status of ['withdrawn', 'expired'] as const) {
    it(`says a request that is ${status} is gone, and shows nothing personal or clinical`, () => {
      const card = text(staffCardActivity(record(status), ctx));
      expect(card).to.include('KN-7F3Q').and.include(status === 'withdrawn' ? 'delete their data' : 'retention');
      for (const gone of ['Lee', '555', 'tomorrow', 'doctor', protocol.version]) expect(card).to.not.include(gone);
      expect(webhookPayload(record(status), 'update', ctx)).to.deep.include({ request: null, status });
    });
  }

  it('keeps personal details out of the notification preview', () => {
    expect(staffCardActivity(record(), ctx).summary).to.equal('Call-back request KN-7F3Q');
  });
});
