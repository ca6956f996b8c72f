import { expect } from 'chai';
import path from 'node:path';
import { findProjectRoot } from '../../config/paths';
import { loadBookingMessages } from '../../knowledge/booking-messages';
import { parseStaffCommand, type StaffCommand } from '../../staff/commands';

const words = loadBookingMessages(path.join(findProjectRoot(), 'knowledge')).staff;

describe('staff commands', () => {
  const cases: [string, string | undefined, StaffCommand | undefined][] = [
    ['open requests', undefined, { kind: 'list' }],
    ['Requests', undefined, { kind: 'list' }],
    ['callbacks?', undefined, { kind: 'list' }],
    ['show KN-7F3Q', undefined, { kind: 'show', reference: 'KN-7F3Q' }],
    ['open kn 7f3q', undefined, { kind: 'show', reference: 'KN-7F3Q' }],
    ['KN7F3Q', undefined, { kind: 'show', reference: 'KN-7F3Q' }],
    ['contacted KN-7F3Q', undefined, { kind: 'contacted', reference: 'KN-7F3Q' }],
    ['KN-7F3Q done', undefined, { kind: 'contacted', reference: 'KN-7F3Q' }],
    ['close KN-7F3Q', undefined, { kind: 'close', reference: 'KN-7F3Q' }],
    ['staff:contacted:KN-7F3Q', undefined, { kind: 'contacted', reference: 'KN-7F3Q' }],
    ['Mark contacted', 'staff:close:KN-7F3Q', { kind: 'close', reference: 'KN-7F3Q' }],
    ['', 'staff:list', { kind: 'list' }],
    ['use this chat for requests', undefined, { kind: 'useHere' }],
    ['stop sending requests here', undefined, { kind: 'stopHere' }],
    ['what does KN-7F3Q mean for my knee?', undefined, undefined],
    ['show KN-0O1I', undefined, undefined],
    ['staff:contacted:nothing', undefined, undefined],
    ['how long does runners knee take to heal', undefined, undefined],
    ['close', undefined, undefined],
    ['done', undefined, undefined],
  ];
  for (const [text, value, command] of cases) {
    it(`reads "${text}"${value ? ` with value ${value}` : ''} as ${command ? command.kind : 'not a command'}`, () => {
      expect(parseStaffCommand(text, value, words)).to.deep.equal(command);
    });
  }
});
