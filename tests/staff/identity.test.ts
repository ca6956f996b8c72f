import { expect } from 'chai';
import { isLoopbackHost } from '../../config/hosts';
import { isStaff, readStaffReference, staffIdentity, staffSettingsFrom, type ActivityLike, type StaffSettings } from '../../staff/identity';

const TENANT = '11111111-2222-3333-4444-555555555555';
const STAFF = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const SETTINGS: StaffSettings = { tenantId: TENANT, userIds: [STAFF, 'ffffffff-0000-0000-0000-000000000000'], trusted: true };

function teamsMessage(overrides: Partial<ActivityLike> = {}): ActivityLike {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/amer/',
    from: { id: '29:abc', aadObjectId: STAFF },
    recipient: { id: '28:bot', name: 'Knee bot' },
    conversation: { id: '19:room@thread.tacv2;messageid=1700000000000', conversationType: 'channel', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...overrides,
  };
}

describe('who is clinic staff', () => {
  const cases: [string, ActivityLike, StaffSettings, boolean][] = [
    ['a listed staff member in the staff tenant on Teams', teamsMessage(), SETTINGS, true],
    ['the same, with the object id in capitals', teamsMessage({ from: { id: '29:abc', aadObjectId: STAFF.toUpperCase() } }), SETTINGS, true],
    ['a listed staff member when identity cannot be trusted', teamsMessage(), { ...SETTINGS, trusted: false }, false],
    ['anyone when no tenant is configured', teamsMessage(), { ...SETTINGS, tenantId: undefined }, false],
    ['anyone when no staff are listed', teamsMessage(), { ...SETTINGS, userIds: [] }, false],
    ['a Teams user who is not listed', teamsMessage({ from: { id: '29:x', aadObjectId: '99999999-2222-3333-4444-555555555555' } }), SETTINGS, false],
    ['a Teams user without an object id', teamsMessage({ from: { id: '29:x' } }), SETTINGS, false],
    ['a listed object id from another tenant', teamsMessage({ channelData: { tenant: { id: '00000000-0000-0000-0000-000000000000' } } }), SETTINGS, false],
    ['a listed object id with no tenant', teamsMessage({ channelData: {} }), SETTINGS, false],
    ['a listed object id whose conversation is in another tenant', teamsMessage({ conversation: { id: '19:x', conversationType: 'channel', tenantId: '00000000-0000-0000-0000-000000000000' } }), SETTINGS, false],
    ['a listed object id and tenant claimed on Web Chat', teamsMessage({ channelId: 'webchat' }), SETTINGS, false],
    ['a listed object id and tenant claimed on SMS', teamsMessage({ channelId: 'sms' }), SETTINGS, false],
    ['a listed object id and tenant claimed in the Emulator', teamsMessage({ channelId: 'emulator' }), SETTINGS, false],
    ['channel data that is not an object', teamsMessage({ channelData: 'tenant' }), SETTINGS, false],
  ];
  for (const [name, activity, settings, expected] of cases) {
    it(`${expected ? 'trusts' : 'refuses'} ${name}`, () => {
      expect(isStaff(activity, settings)).to.equal(expected);
    });
  }

  it('addresses channel cards to the channel, not to the thread the message came from', () => {
    const identity = staffIdentity(teamsMessage(), SETTINGS);
    expect(identity?.conversation).to.deep.include({ key: 'msteams/19:room@thread.tacv2', kind: 'channel' });
    expect(identity?.conversation.reference.conversation.id).to.equal('19:room@thread.tacv2');
    expect(identity?.aadObjectId).to.equal(STAFF);
  });

  it('keeps the staff member in the address of a 1:1 chat', () => {
    const identity = staffIdentity(teamsMessage({ conversation: { id: 'a:1on1', conversationType: 'personal', tenantId: TENANT } }), SETTINGS);
    expect(identity?.conversation.kind).to.equal('personal');
    expect(identity?.conversation.reference.user).to.deep.include({ id: '29:abc', aadObjectId: STAFF });
  });

  it('reads a stored address back, and refuses a broken one', () => {
    const reference = staffIdentity(teamsMessage(), SETTINGS)?.conversation.reference;
    expect(readStaffReference(JSON.parse(JSON.stringify(reference)))).to.deep.equal(reference);
    for (const broken of [null, 'x', {}, { channelId: 'msteams', serviceUrl: 'http://x' }, { ...reference, bot: {} }]) {
      expect(readStaffReference(broken)).to.equal(undefined);
    }
  });

  const hosts: [string, boolean][] = [['127.0.0.1', true], ['127.8.9.1', true], ['localhost', true], ['::1', true], ['[::1]', true], ['0.0.0.0', false], ['10.0.0.5', false], ['::', false]];
  for (const [host, loopback] of hosts) {
    it(`${loopback ? 'trusts' : 'does not trust'} identity without an app id when listening on ${host}`, () => {
      expect(isLoopbackHost(host)).to.equal(loopback);
      expect(staffSettingsFrom({ appId: undefined, host, staff: { tenantId: TENANT, userIds: [STAFF] } }).trusted).to.equal(loopback);
    });
  }

  it('trusts identity on any address once requests are authenticated with an app id', () => {
    expect(staffSettingsFrom({ appId: 'app', host: '0.0.0.0', staff: { tenantId: TENANT, userIds: [STAFF] } }).trusted).to.equal(true);
  });
});
