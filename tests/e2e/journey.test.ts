import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { startTestBot, type TestBot } from '../support/bot';
import {
  CHROMIUM_PATH,
  chromiumAvailable,
  clickCardButton,
  clickSuggestedAction,
  launchChromium,
  SELECTORS,
  openChat,
  sendText,
  seriousAccessibilityViolations,
  waitForBotText,
} from './browser';

describe('the real bot in Web Chat (headless Chromium)', function () {
  this.timeout(90_000);
  let bot: TestBot;
  let browser: Browser;
  let page: Page;

  before(async function () {
    if (!chromiumAvailable()) {
      if (process.env.CI === 'true') throw new Error(`Chromium is required in CI: ${CHROMIUM_PATH} is missing`);
      console.warn(`    SKIPPED: the browser tests need Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium).`);
      this.skip();
    }
    bot = await startTestBot({ env: { CLINIC_NAME: 'Leaside Sports Medicine', BOOKING_URL: 'https://clinic.example/book' } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await bot?.stop();
  });
  beforeEach(async () => {
    page = await browser.newPage();
    await openChat(page, bot.url);
  });
  afterEach(async () => {
    await page?.close();
  });

  it('shows the welcome when the chat opens', async () => {
    await waitForBotText(page, /knee pain assistant/);
  });

  it('answers a typed question', async () => {
    await waitForBotText(page, /knee pain assistant/);
    const since = await sendText(page, 'how long does runners knee take to heal');
    await waitForBotText(page, /2-4 weeks/, { since });
  });

  it('clicks through a symptom check, ticking two warning signs, to an urgent outcome', async () => {
    await waitForBotText(page, /knee pain assistant/);
    let since = await clickSuggestedAction(page, 'Check my symptoms');
    await waitForBotText(page, /specific injury/, { since });
    since = await clickSuggestedAction(page, 'No');
    await waitForBotText(page, /Do any of these apply/, { since });
    await page.locator(SELECTORS.card).last().getByText('Swollen knee, not hot or red').click();
    await page.locator(SELECTORS.card).last().getByText('Pain, swelling or redness in the calf').click();
    since = await clickCardButton(page, 'Send');
    await waitForBotText(page, /be seen today/i, { since });
  });

  // From a browser audit: on a phone, the signs' labels were cut ("... out of place, or …"), on 13px checkboxes in 19px rows.
  it('shows every warning sign whole on a phone, each row a 44px tap target, with no serious accessibility violation', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await waitForBotText(page, /knee pain assistant/);
    let since = await clickSuggestedAction(page, 'Check my symptoms');
    await waitForBotText(page, /specific injury/, { since });
    since = await clickSuggestedAction(page, 'No');
    await waitForBotText(page, /Do any of these apply/, { since });
    const rows = await page.locator(SELECTORS.card).last().evaluate((card) =>
      Array.from(card.querySelectorAll('input[type="checkbox"]')).map((box) => {
        const row = box.parentElement as HTMLElement;
        const label = row.querySelector('label') as HTMLElement;
        const text = (label.querySelector('p') as HTMLElement | null) ?? label;
        return { label: label.innerText, height: row.getBoundingClientRect().height, cut: text.scrollWidth > text.clientWidth + 1 };
      }),
    );
    expect(rows).to.have.length(14);
    expect(rows.find((r) => r.label.includes('open wound over the knee'))).to.not.equal(undefined);
    expect(rows.filter((r) => r.cut).map((r) => r.label)).to.deep.equal([]);
    expect(rows.filter((r) => r.height < 44).map((r) => r.label)).to.deep.equal([]);
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
  });

  // From a browser audit: on a phone, an outcome longer than the screen opened at its end, its headline scrolled out of view.
  it('shows an outcome longer than a phone screen from its headline, and a short reply whole', async () => {
    await page.setViewportSize({ width: 390, height: 700 });
    await waitForBotText(page, /knee pain assistant/);
    let since = await sendText(page, 'my knee hurts');
    await waitForBotText(page, /specific injury/, { since });
    // A reply that fits: its question is in view, as it was before.
    expect(await inView(page, /specific injury/)).to.equal(true);
    for (const [reply, next] of [['no', /Do any of these apply/], ['none of those', /How old/], ['30', /How long/]] as const) {
      since = await sendText(page, reply);
      await waitForBotText(page, next, { since });
    }
    since = await sendText(page, '3 weeks');
    await waitForBotText(page, /We recommend a professional assessment/, { since });
    expect(await inView(page, /We recommend a professional assessment/)).to.equal(true);
  });

  it('offers booking with the clinic link', async () => {
    await waitForBotText(page, /knee pain assistant/);
    const since = await clickSuggestedAction(page, 'Book an assessment');
    await waitForBotText(page, /clinic\.example\/book|Book online/, { since });
  });

  it('requests a call-back from the booking offer and shows its reference', async () => {
    await waitForBotText(page, /knee pain assistant/);
    let since = await clickSuggestedAction(page, 'Book an assessment');
    await waitForBotText(page, /Book online/, { since });
    since = await clickSuggestedAction(page, 'Request a call-back');
    await waitForBotText(page, /Do you agree/, { since });
    since = await clickSuggestedAction(page, 'Yes, I agree');
    await waitForBotText(page, /What name/, { since });
    since = await sendText(page, 'Alex Chen');
    await waitForBotText(page, /phone number or e-mail/, { since });
    since = await sendText(page, '416 555 0142');
    await waitForBotText(page, /good time/, { since });
    since = await clickSuggestedAction(page, 'Weekday mornings');
    await waitForBotText(page, /reference is KN-[A-Z0-9]{4}/, { since });
  });

  it('has no serious or critical accessibility violations with the real conversation', async () => {
    await waitForBotText(page, /knee pain assistant/);
    const since = await sendText(page, 'what is runners knee');
    await waitForBotText(page, /kneecap/, { since });
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
  });
});

/** Whether the top of the last bot bubble matching `pattern` comes to rest inside the visible part of the transcript. */
async function inView(page: Page, pattern: RegExp): Promise<boolean> {
  const visible = ([selector, source]: readonly [string, string]): boolean => {
    const scrollable = document.querySelector('.webchat__basic-transcript__scrollable');
    const bubble = Array.from(document.querySelectorAll(selector)).filter((b) => new RegExp(source).test((b as HTMLElement).innerText)).pop();
    if (!scrollable || !bubble) return false;
    const view = scrollable.getBoundingClientRect();
    const top = bubble.getBoundingClientRect().top;
    return top >= view.top && top < view.bottom;
  };
  // Web Chat scrolls smoothly: the bubble is looked at once the transcript has stopped moving.
  await page.waitForFunction(() => {
    const scrollable = document.querySelector('.webchat__basic-transcript__scrollable') as (HTMLElement & { lastTop?: number }) | null;
    if (!scrollable) return false;
    const still = scrollable.lastTop === scrollable.scrollTop;
    scrollable.lastTop = scrollable.scrollTop;
    return still;
  }, undefined, { polling: 250, timeout: 5000 });
  return page.evaluate(visible, [SELECTORS.botBubble, pattern.source] as const);
}
