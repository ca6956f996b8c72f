import { expect } from 'chai';
import { Person, startTestBot, type TestBot } from '../support/bot';

describe('logs of a scripted conversation', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({ env: { LOG_LEVEL: 'debug' } });
  });
  after(() => bot.stop());

  it('hold no message text, name, phone number or e-mail, through a check and a call-back request', async () => {
    const phone = '+14165550177';
    const sms = new Person(bot.url, 'sms', phone);
    const said = ['my knee hurts since my marathon', 'no', 'none', '37', 'three weeks', 'my name is Zelda Quartermaine'];
    for (const text of said) await sms.say(text);
    const web = new Person(bot.url, 'webchat', 'visitor-zelda');
    await web.say('what is runners knee');
    await web.press('booking:callback');
    await web.say('yes');
    await web.say('Zelda Quartermaine');
    await web.say('zelda.q@example.com');
    expect((await web.say('tomorrow after 5')).entity('booking.requested')).to.not.equal(undefined);
    await web.post({ type: 'message', text: 'x', conversation: { id: 'broken' }, channelData: 'not an object' });
    const logs = bot.logs.join('\n');
    expect(bot.logs.length).to.be.greaterThan(0);
    for (const secret of ['marathon', 'Zelda', 'Quartermaine', '4165550177', 'three weeks', 'visitor-zelda', 'zelda.q@example.com', 'after 5']) {
      expect(logs).to.not.include(secret);
    }
  });
});
