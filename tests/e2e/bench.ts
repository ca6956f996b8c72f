import type { Browser } from 'playwright-core';
import { launchChromium, openChat, SELECTORS } from './browser';

export interface ReplyTiming {
  /** Milliseconds from pressing send to the bot's reply bubble appearing, one per message. */
  samples: number[];
  p50Ms: number;
  p95Ms: number;
}

export interface ReplyTimingOptions {
  /** How many messages to time. */
  messages: number;
  /** What to send as message i (a question the bot answers, for the real bot). */
  text?: (index: number) => string;
  /** Reuse a browser; otherwise one is launched and closed. */
  browser?: Browser;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Times Web Chat in headless Chromium against a running bot: for each message, from the click
 * on send to the next bot bubble on screen (network, turn and rendering together).
 */
export async function measureWebChatReplies(baseUrl: string, options: ReplyTimingOptions): Promise<ReplyTiming> {
  const browser = options.browser ?? (await launchChromium());
  const page = await browser.newPage();
  try {
    await openChat(page, baseUrl);
    const samples: number[] = [];
    for (let i = 0; i < options.messages; i += 1) {
      const before = await page.locator(SELECTORS.botBubble).count();
      await page.fill(SELECTORS.sendBox, options.text?.(i) ?? `timing message ${i + 1}`);
      const started = performance.now();
      await page.click(SELECTORS.sendButton);
      await page.waitForFunction(
        ({ selector, count }) => document.querySelectorAll(selector).length > count,
        { selector: SELECTORS.botBubble, count: before },
        { polling: 'raf', timeout: 20_000 },
      );
      samples.push(performance.now() - started);
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return { samples, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
  } finally {
    await page.close();
    if (!options.browser) await browser.close();
  }
}
