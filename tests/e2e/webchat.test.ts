import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { CARD_REQUEST, SAY_HELLO, startEchoServer, WELCOME, type EchoServer } from '../directline/echoServer';
import { measureWebChatReplies } from './bench';
import {
  CHROMIUM_PATH,
  chromiumAvailable,
  clickCardButton,
  clickSuggestedAction,
  launchChromium,
  openChat,
  SELECTORS,
  sendText,
  seriousAccessibilityViolations,
  waitForBotText,
  watchPage,
  type PageProblems,
} from './browser';

/** A clinic's own page, on another origin, with the embed script. */
async function startClinicSite(botUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html><html lang="en"><head><title>Clinic</title></head><body><main><h1>Our clinic</h1><p>Welcome.</p></main><script src="${botUrl}/embed.js" async></script></body></html>`;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('Web Chat in a real browser (headless Chromium)', function () {
  this.timeout(60_000);
  let server: EchoServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  before(async function () {
    if (!chromiumAvailable()) {
      // CI must run these; a developer machine without Chromium skips them, saying so.
      if (process.env.CI === 'true') throw new Error(`Chromium is required in CI: ${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);
      console.warn(`    SKIPPED: the browser tests need Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium).`);
      this.skip();
    }
    server = await startEchoServer({ clinicName: 'Test Sports Physio' });
    browser = await launchChromium();
  });

  beforeEach(async () => {
    if (!browser) return;
    page = await browser.newPage();
    problems = watchPage(page, server.url);
  });

  afterEach(async () => {
    await page?.close();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the welcome, replies to a typed message, and marks the message sent', async () => {
    await openChat(page, server.url);
    await waitForBotText(page, /Welcome to the echo bot/);
    const since = await sendText(page, 'my knee hurts going downstairs');
    expect(await waitForBotText(page, /You said: my knee hurts going downstairs/, { since })).to.contain('downstairs');
    expect(await page.locator(SELECTORS.userBubble).allInnerTexts()).to.deep.equal(['my knee hurts going downstairs']);
    // Web Chat marks a message sent only when its echo (same clientActivityID) comes back.
    expect((await page.locator('.webchat__activity-status').allInnerTexts()).join(' ')).to.not.match(/sending|fail/i);
  });

  it('renders an Adaptive Card and sends its submit value', async () => {
    await openChat(page, server.url);
    await sendText(page, CARD_REQUEST);
    await page.waitForSelector(SELECTORS.card);
    expect(await page.locator(SELECTORS.card).innerText()).to.contain('Where does it hurt?');
    const since = await clickCardButton(page, 'Around the kneecap');
    await waitForBotText(page, /You chose .*where.*kneecap/, { since });
    expect(problems.consoleErrors).to.deep.equal([]);
  });

  it('sends a suggested action’s value when it is clicked', async () => {
    await openChat(page, server.url);
    const since = await clickSuggestedAction(page, SAY_HELLO.title);
    await waitForBotText(page, /You said: hello/, { since });
  });

  it('asks nothing of any other machine, and logs no console errors (no CSP violation, no missing favicon)', async () => {
    await openChat(page, server.url);
    const since = await sendText(page, 'hello');
    await waitForBotText(page, /You said: hello/, { since });
    expect(problems.offMachineRequests).to.deep.equal([]);
    expect(problems.consoleErrors).to.deep.equal([]);
    expect(problems.failedRequests).to.deep.equal([]);
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    await openChat(page, server.url);
    await sendText(page, 'hello');
    await waitForBotText(page, /You said: hello/);
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).to.deep.equal([]);
  });

  it('shows the safety note and fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 640 });
    await openChat(page, server.url);
    expect(await page.getByText(/not a diagnosis/).isVisible()).to.equal(true);
    expect(await page.getByText(/call 911/i).isVisible()).to.equal(true);
    expect(await page.locator(SELECTORS.sendBox).isVisible()).to.equal(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).to.be.at.most(0);
  });

  // From a browser audit: a phone on its side left the conversation 43px between the header and the notice.
  it('keeps most of a short screen (a phone on its side) for the conversation, and the 911 line in view', async () => {
    await page.setViewportSize({ width: 667, height: 375 });
    await openChat(page, server.url);
    expect(await page.getByText(/call 911/i).first().isVisible()).to.equal(true);
    const chat = await page.evaluate(() => document.querySelector('.webchat')?.getBoundingClientRect().height ?? 0);
    expect(chat).to.be.at.least(300);
  });

  // From a browser audit: a reload wiped the conversation, and the check in progress with it, without a word.
  it('goes on with the same conversation after a reload of the page, its messages shown again', async () => {
    await openChat(page, server.url);
    const since = await sendText(page, 'remember this line');
    await waitForBotText(page, /You said: remember this line/, { since });
    await page.reload();
    await page.locator(SELECTORS.sendBox).waitFor();
    await waitForBotText(page, /You said: remember this line/);
    const again = await sendText(page, 'and this one');
    await waitForBotText(page, /You said: and this one/, { since: again });
    expect(problems.consoleErrors).to.deep.equal([]);
  });

  it('shows where the keyboard is when the message box has focus', async () => {
    await openChat(page, server.url);
    await page.locator(SELECTORS.sendBox).focus();
    const ring = await page.evaluate(() => getComputedStyle(document.querySelector('.webchat__send-box__main') as Element).boxShadow);
    expect(ring).to.not.equal('none');
  });

  it('says so at once when the connection is lost, with 911, and clears it when it is back', async () => {
    await openChat(page, server.url);
    await waitForBotText(page, /Welcome to the echo bot/);
    await page.context().setOffline(true);
    await page.waitForFunction(() => /offline.*911/i.test(document.getElementById('chat-status')?.textContent ?? ''));
    await page.context().setOffline(false);
    await page.waitForFunction(() => (document.getElementById('chat-status')?.textContent ?? '') === '');
  });

  it('keeps a returning visitor’s id across page loads, in a new conversation in another tab', async () => {
    // A reload goes on with the same conversation (above); another tab of the same browser starts its own.
    const visitor = await browser.newContext();
    try {
      await openChat(await visitor.newPage(), server.url);
      await openChat(await visitor.newPage(), server.url);
    } finally {
      await visitor.close();
    }
    const joined = server.bot.received.filter((a) => a.type === 'conversationUpdate').slice(-2);
    expect(joined).to.have.length(2);
    expect(joined[0]?.from.id).to.equal(joined[1]?.from.id);
    expect(joined[0]?.conversation.id).to.not.equal(joined[1]?.conversation.id);
  });

  it('opens the chat from a button on the clinic’s own website (embed.js) and closes it again', async () => {
    const site = await startClinicSite(server.url);
    try {
      const sitePage = await browser.newPage();
      const siteProblems = watchPage(sitePage, site.url, [server.url]);
      await sitePage.goto(site.url);
      const launcher = sitePage.getByRole('button', { name: /knee pain/i });
      await launcher.click();
      expect(await launcher.getAttribute('aria-expanded')).to.equal('true');
      const frameHandle = await sitePage.waitForSelector('iframe[title="Chat with the knee pain assistant"]');
      const frame = await frameHandle.contentFrame();
      if (!frame) throw new Error('the chat iframe has no frame');
      await frame.waitForSelector(SELECTORS.botBubble, { timeout: 15_000 });
      await waitForBotText(frame, new RegExp(WELCOME.slice(0, 20)));
      const since = await sendText(frame, 'from the clinic site');
      await waitForBotText(frame, /You said: from the clinic site/, { since });
      await sitePage.getByRole('button', { name: 'Close the chat' }).click();
      expect(await launcher.getAttribute('aria-expanded')).to.equal('false');
      expect(await sitePage.evaluate(() => document.activeElement?.className)).to.equal('kpa-launcher');
      expect(siteProblems.consoleErrors).to.deep.equal([]);
      await sitePage.close();
    } finally {
      await site.close();
    }
  });

  it('replies within a fraction of a second over the WebSocket (the benchmark, on the echo bot)', async () => {
    const timing = await measureWebChatReplies(server.url, { messages: 5, browser });
    expect(timing.samples).to.have.length(5);
    expect(timing.p50Ms).to.be.below(600);
    expect(timing.p95Ms).to.be.at.least(timing.p50Ms);
  });
});
