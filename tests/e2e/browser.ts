import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';

/** Debian's Chromium; the e2e tests need it and nothing downloads a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

export const SELECTORS = {
  sendBox: '[data-id="webchat-sendbox-input"]',
  sendButton: 'button.webchat__send-button',
  botBubble: '.webchat__bubble:not(.webchat__bubble--from-user)',
  userBubble: '.webchat__bubble--from-user',
  suggestedAction: '.webchat__suggested-actions button',
  card: '.ac-adaptiveCard',
  cardButton: '.ac-adaptiveCard button',
} as const;

/** A page or the chat iframe inside a clinic's page. */
export type ChatSurface = Page | Frame;

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Opens the chat page and waits until Web Chat is ready to type into and the first bot message is shown. */
export async function openChat(page: Page, baseUrl: string, options: { embed?: boolean; timeoutMs?: number } = {}): Promise<void> {
  await page.goto(`${baseUrl}/${options.embed ? '?embed=1' : ''}`);
  await page.waitForSelector(SELECTORS.sendBox, { timeout: options.timeoutMs ?? 15_000 });
  await page.waitForSelector(SELECTORS.botBubble, { timeout: options.timeoutMs ?? 15_000 });
}

export async function botBubbleCount(surface: ChatSurface): Promise<number> {
  return surface.locator(SELECTORS.botBubble).count();
}

export async function botTexts(surface: ChatSurface): Promise<string[]> {
  return surface.locator(SELECTORS.botBubble).allInnerTexts();
}

/**
 * Types a message and sends it. Resolves with the number of bot bubbles shown before,
 * to pass to waitForBotText so only replies to this message count.
 */
export async function sendText(surface: ChatSurface, text: string): Promise<number> {
  const before = await botBubbleCount(surface);
  await surface.fill(SELECTORS.sendBox, text);
  await surface.click(SELECTORS.sendButton);
  return before;
}

/**
 * Waits for a bot bubble matching the pattern (among those after `since`, when given) and returns its text.
 * Web Chat's markdown turns ' into ’: patterns should not rely on straight quotes.
 */
export async function waitForBotText(surface: ChatSurface, pattern: RegExp, options: { since?: number; timeoutMs?: number } = {}): Promise<string> {
  const since = options.since ?? 0;
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const texts = (await botTexts(surface)).slice(since);
    const found = texts.find((text) => pattern.test(text));
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`No bot message matched ${pattern} in time; the bot said:\n${texts.join('\n---\n')}`);
    await surface.waitForTimeout(50);
  }
}

/** Clicks the suggested action (button under the last message) with this label. */
export async function clickSuggestedAction(surface: ChatSurface, label: string | RegExp): Promise<number> {
  const before = await botBubbleCount(surface);
  await surface.locator(SELECTORS.suggestedAction).filter({ hasText: label }).first().click();
  return before;
}

/** Clicks a button of the latest Adaptive Card with this label (a card submit). */
export async function clickCardButton(surface: ChatSurface, label: string | RegExp): Promise<number> {
  const before = await botBubbleCount(surface);
  await surface.locator(SELECTORS.cardButton).filter({ hasText: label }).last().click();
  return before;
}

export interface PageProblems {
  consoleErrors: string[];
  /** Requests to anywhere but the bot's own origin (and data:/blob: URLs). */
  offMachineRequests: string[];
  failedRequests: string[];
}

/** Watches a page for console errors (CSP violations show there), failed requests and requests that leave the machine. */
export function watchPage(page: Page, baseUrl: string, allowedOrigins: string[] = []): PageProblems {
  const origins = [new URL(baseUrl).host, ...allowedOrigins.map((o) => new URL(o).host)];
  const problems: PageProblems = { consoleErrors: [], offMachineRequests: [], failedRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(error.message));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (!origins.includes(url.host)) problems.offMachineRequests.push(request.url());
  });
  page.on('requestfailed', (request) => problems.failedRequests.push(`${request.url()} ${request.failure()?.errorText ?? ''}`));
  return problems;
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Runs axe-core in the page (injected from the installed package) and returns the serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not apply.
  await page.evaluate(axeSource);
  const raw: unknown = await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => String(n.target)) })))`,
  );
  const violations = Array.isArray(raw) ? raw.filter(isRecord) : [];
  return violations
    .map((v) => ({ id: String(v.id), impact: String(v.impact), help: String(v.help), targets: Array.isArray(v.targets) ? v.targets.map(String) : [] }))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
