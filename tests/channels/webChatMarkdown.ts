import { createRequire } from 'node:module';

interface MarkdownRenderer {
  render(markdown: string): string;
}
// botframework-webchat renders markdown with markdown-it (its own dependency), so the tests see what a person sees.
const MarkdownIt: new (options: Record<string, boolean>) => MarkdownRenderer = createRequire(__filename)('markdown-it');

/** Web Chat's markdown settings (botframework-webchat's renderMarkdown). */
const renderer = new MarkdownIt({ breaks: false, html: true, linkify: true, typographer: true, xhtmlOut: true });

/** The HTML Web Chat shows for a markdown activity's text. */
export function webChatHtml(markdown: string): string {
  return renderer.render(markdown);
}
