import { httpRequest, type RawPart } from './raw';
import { JSON_TYPE, nested, row, type Expectation, type HostileContext, type HostileRow } from './rows';

const TOKEN = '/api/directline/token';
const CONVERSATIONS = '/v3/directline/conversations';
const REFRESH = '/v3/directline/tokens/refresh';
const activities = (conversationId: string) => `${CONVERSATIONS}/${conversationId}/activities`;

const bearer = (token: string) => `Authorization: Bearer ${token}`;
const mine = (ctx: HostileContext) => bearer(ctx.session.token);

/** A token whose signature no longer matches (its next-to-last character changed). */
function tampered(token: string): string {
  // The last character of a base64url signature may carry padding bits; the one before is all signature.
  const before = token.at(-2);
  return `${token.slice(0, -2)}${before === 'A' ? 'B' : 'A'}${token.slice(-1)}`;
}

/** An unsigned token ("alg": "none") claiming the victim's conversation. */
function unsigned(ctx: HostileContext): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scope: 'conversation', conv: ctx.session.conversationId, user: 'attacker', exp: 9_999_999_999 })}.`;
}

function send(method: string, path: (ctx: HostileContext) => string, headers: (ctx: HostileContext) => string[], body?: RawPart) {
  return (ctx: HostileContext): RawPart[] => [httpRequest({ method, path: path(ctx), host: ctx.host, headers: headers(ctx), body })];
}

function tokenRows(): HostileRow[] {
  const json = (body: RawPart, expect: Expectation, name: string) => row(`token endpoint: ${name}`, expect, send('POST', () => TOKEN, () => [JSON_TYPE], body));
  return [
    ...['{', '{"userToken":', "{'userToken':1}", '{"a":1,}', '\ufeff{}', nested(10_000, 'object').slice(0, -1)].map((text) => json(text, 'refused', `bad JSON ${JSON.stringify(text.slice(0, 30))}`)),
    ...['null', '[]', '1', '"x"', 'true', nested(10_000, 'array')].map((text) => json(text, 'answered', `a body of ${text.slice(0, 20)}`)),
    ...[null, 1, {}, [], true, '', '...', 'a.b.c', 'x'.repeat(100_000)].map((value) => json(JSON.stringify({ userToken: value }), 'answered', `userToken ${JSON.stringify(value).slice(0, 30)}`)),
    row('token endpoint: a conversation token offered as the user token', 'answered', (ctx) => send('POST', () => TOKEN, () => [JSON_TYPE], JSON.stringify({ userToken: ctx.session.token }))(ctx)),
    row('token endpoint: a user token with its signature changed', 'answered', (ctx) => send('POST', () => TOKEN, () => [JSON_TYPE], JSON.stringify({ userToken: tampered(ctx.session.userToken) }))(ctx)),
    json('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"userToken":"x"}', 'answered', 'prototype-pollution keys'),
    json(JSON.stringify({ user: { id: 'dl_admin' }, userId: 'admin', trustedOrigin: 'x' }), 'answered', 'a visitor choosing their own id'),
    ...['GET', 'PUT', 'DELETE', 'PATCH'].map((method) => row(`token endpoint: ${method}`, 'refused', send(method, () => TOKEN, () => [JSON_TYPE], method === 'GET' ? undefined : '{}'))),
    row('token endpoint: a body with no content type', 'refused', send('POST', () => TOKEN, () => [], '{"userToken":"x"}')),
    row('token endpoint: Content-Encoding gzip with a plain body', 'refused', send('POST', () => TOKEN, () => [JSON_TYPE, 'Content-Encoding: gzip'], '{}')),
  ];
}

function startRows(): HostileRow[] {
  const start = (name: string, expect: Expectation, headers: (ctx: HostileContext) => string[], body: RawPart = '{}') =>
    row(`start a conversation: ${name}`, expect, send('POST', () => CONVERSATIONS, (ctx) => [JSON_TYPE, ...headers(ctx)], body));
  return [
    start('no Authorization', 'refused', () => []),
    start('"Bearer" and nothing', 'refused', () => ['Authorization: Bearer']),
    start('"Bearer x"', 'refused', () => [bearer('x')]),
    start('an 8 kB token', 'refused', () => [bearer('A'.repeat(8000))]),
    start('Basic credentials', 'refused', () => ['Authorization: Basic dXNlcjpwYXNz']),
    start('a token with a changed signature', 'refused', (ctx) => [bearer(tampered(ctx.session.token))]),
    start('an unsigned token', 'refused', (ctx) => [bearer(unsigned(ctx))]),
    start('a token with a fourth part', 'refused', (ctx) => [bearer(`${ctx.session.token}.extra`)]),
    start('the stream token', 'refused', (ctx) => [bearer(ctx.session.streamToken)]),
    start('the user token', 'refused', (ctx) => [bearer(ctx.session.userToken)]),
    start('a lower-case "bearer"', 'answered', (ctx) => [`authorization: bearer ${ctx.session.token}`]),
    start('two Authorization headers', 'answered', (ctx) => [mine(ctx), 'Authorization: Bearer junk']),
    start('bad JSON', 'refused', (ctx) => [mine(ctx)], '{"locale":'),
    start('a locale that is an object', 'answered', (ctx) => [mine(ctx)], '{"locale":{"toString":"en"}}'),
    start('a 100 kB locale', 'answered', (ctx) => [mine(ctx)], JSON.stringify({ locale: 'en-'.repeat(33_000) })),
    start('prototype-pollution keys', 'answered', (ctx) => [mine(ctx)], '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'),
    start('X-Forwarded-Proto javascript', 'answered', (ctx) => [mine(ctx), 'X-Forwarded-Proto: javascript']),
    row('start a conversation: a Host header with markup', 'answered', (ctx) => [httpRequest({ path: CONVERSATIONS, host: '', headers: ['Host: evil.example"><script>', JSON_TYPE, mine(ctx)], body: '{}' })]),
    row('start a conversation: a Host header with an underscore', 'answered', (ctx) => [httpRequest({ path: CONVERSATIONS, host: '', headers: ['Host: a_b', JSON_TYPE, mine(ctx)], body: '{}' })]),
  ];
}

function postRows(): HostileRow[] {
  const to = (name: string, expect: Expectation, body: RawPart, path = (ctx: HostileContext) => activities(ctx.session.conversationId), headers: (ctx: HostileContext) => string[] = (ctx) => [JSON_TYPE, mine(ctx)]) =>
    row(`post an activity: ${name}`, expect, send('POST', path, headers, body));
  const message = (extra: Record<string, unknown>) => JSON.stringify({ type: 'message', text: 'hello', ...extra });
  return [
    ...['null', '[]', '1', '"message"', '{}'].map((body) => to(`a body of ${body}`, 'refused', body)),
    ...[undefined, 'event', 'invoke', 'conversationUpdate', 'MESSAGE', 42].map((type) => to(`type ${JSON.stringify(type)}`, 'refused', message({ type }))),
    ...[42, {}, [], true].map((text) => to(`text ${JSON.stringify(text)}`, 'refused', message({ text }))),
    to('no text and no value', 'refused', JSON.stringify({ type: 'message' })),
    to('whitespace text', 'refused', message({ text: ' \n\t ' })),
    to('text of 10,001 characters', 'refused', message({ text: 'k'.repeat(10_001) })),
    to('an attachment', 'refused', message({ attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1:9/x.png' }] })),
    to('attachments that are a string', 'refused', message({ attachments: 'x' })),
    to('no attachments (an empty list)', 'answered', message({ attachments: [] })),
    to('a value of 42', 'answered', message({ value: 42 })),
    to('a value array', 'answered', message({ value: [1, 2, 3] })),
    to('a button value "triage:start"', 'answered', message({ value: 'triage:start' })),
    to('a value with prototype-pollution keys', 'answered', '{"type":"message","text":"hi","value":{"__proto__":{"polluted":"yes"}}}'),
    to('channelData with prototype-pollution keys', 'answered', '{"type":"message","text":"hi","channelData":{"__proto__":{"clientActivityID":"x","polluted":"yes"},"messageBack":{"displayText":42}}}'),
    to('a 10 kB clientActivityID', 'answered', message({ channelData: { clientActivityID: 'x'.repeat(10_000), clientTimestamp: { evil: true } } })),
    to('someone else named as the sender', 'answered', message({ from: { id: 'dl_someone_else', role: 'bot' }, recipient: { id: 'x' }, conversation: { id: 'other' } })),
    to('a locale of markup', 'answered', message({ locale: '<script>alert(1)</script>' })),
    to('text with lone surrogates', 'answered', '{"type":"message","text":"\\udc00 knee \\ud800"}'),
    to('text with control and direction characters', 'answered', message({ text: '\u0000\u001b[2J\u202eknee hurts\u2066' })),
    to('bad JSON', 'refused', '{"type":"message",'),
    to('no content type', 'refused', message({}), undefined, (ctx) => [mine(ctx)]),
    to('no token', 'refused', message({}), undefined, () => [JSON_TYPE]),
    to('another visitor\'s token', 'refused', message({}), undefined, (ctx) => [JSON_TYPE, bearer(ctx.other.token)]),
    to('the stream token', 'refused', message({}), undefined, (ctx) => [JSON_TYPE, bearer(ctx.session.streamToken)]),
    to('a token with a changed signature', 'refused', message({}), undefined, (ctx) => [JSON_TYPE, bearer(tampered(ctx.session.token))]),
    to('an unsigned token', 'refused', message({}), undefined, (ctx) => [JSON_TYPE, bearer(unsigned(ctx))]),
    ...['nope', '%E0%A4%A', '%', '..%2F..%2Fapi%2Fmessages', '__proto__', 'constructor', 'c'.repeat(5000), '%00'].map((conversation) =>
      to(`to conversation ${JSON.stringify(conversation.slice(0, 30))}`, 'refused', message({}), () => activities(conversation)),
    ),
    to('to another visitor\'s conversation', 'refused', message({}), (ctx) => activities(ctx.other.conversationId)),
    row('post an activity: Content-Encoding gzip with a plain body', 'refused', send('POST', (ctx) => activities(ctx.session.conversationId), (ctx) => [JSON_TYPE, mine(ctx), 'Content-Encoding: gzip'], message({}))),
  ];
}

function readRows(): HostileRow[] {
  const read = (name: string, expect: Expectation, query: string, headers: (ctx: HostileContext) => string[] = (ctx) => [mine(ctx)]) =>
    row(`read activities: ${name}`, expect, send('GET', (ctx) => `${activities(ctx.session.conversationId)}${query}`, headers));
  return [
    ...['-1', 'abc', '1e3', '9999999999', '0x10', '%00', '%20 1', '1.5', '99999999'].map((watermark) => read(`watermark ${watermark}`, 'answered', `?watermark=${watermark}`)),
    read('two watermarks', 'answered', '?watermark=1&watermark=abc'),
    read('a prototype-pollution query', 'answered', '?__proto__[polluted]=yes&constructor[prototype][polluted]=yes&watermark=0'),
    read('a 4,000-parameter query', 'answered', `?${'a=1&'.repeat(4000)}watermark=0`),
    read('no token', 'refused', '', () => []),
    read('another visitor\'s token', 'refused', '', (ctx) => [bearer(ctx.other.token)]),
    read('the user token', 'refused', '', (ctx) => [bearer(ctx.session.userToken)]),
    row('reconnect: a watermark of "abc"', 'answered', send('GET', (ctx) => `${CONVERSATIONS}/${ctx.session.conversationId}?watermark=abc`, (ctx) => [mine(ctx)])),
    row('reconnect: another visitor\'s conversation', 'refused', send('GET', (ctx) => `${CONVERSATIONS}/${ctx.other.conversationId}?watermark=0`, (ctx) => [mine(ctx)])),
    row('reconnect: a bad percent-encoding', 'refused', send('GET', () => `${CONVERSATIONS}/%E0%A4%A?watermark=0`, (ctx) => [mine(ctx)])),
    row('refresh: no token', 'refused', send('POST', () => REFRESH, () => [])),
    row('refresh: the stream token', 'refused', send('POST', () => REFRESH, (ctx) => [bearer(ctx.session.streamToken)])),
    row('refresh: an unsigned token', 'refused', send('POST', () => REFRESH, (ctx) => [bearer(unsigned(ctx))])),
    row('refresh: GET', 'refused', send('GET', () => REFRESH, (ctx) => [mine(ctx)])),
  ];
}

/** An upgrade request to a path, with the usual WebSocket headers unless replaced. */
function upgrade(path: string, host: string, headers = ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13'], method = 'GET'): string {
  return `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\n${headers.join('\r\n')}\r\n\r\n`;
}

/** A client-to-server WebSocket frame (masked unless told otherwise). */
function frame(payload: Buffer, opcode = 0x1, masked = true): Buffer {
  const length = payload.length < 126 ? Buffer.from([payload.length | (masked ? 0x80 : 0)]) : Buffer.from([126 | (masked ? 0x80 : 0), payload.length >> 8, payload.length & 0xff]);
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const body = masked ? Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4])) : payload;
  return Buffer.concat([Buffer.from([0x80 | opcode]), length, masked ? mask : Buffer.alloc(0), body]);
}

function streamRows(): HostileRow[] {
  const stream = (ctx: HostileContext, conversation = ctx.session.conversationId, query = `watermark=0&t=${ctx.session.streamToken}`) =>
    `${CONVERSATIONS}/${conversation}/stream?${query}`;
  const refused = (name: string, build: (ctx: HostileContext) => string) => row(`stream: ${name}`, 'refused', (ctx) => [build(ctx)]);
  const upgradedThen = (name: string, after: Buffer) => row(`stream: ${name}`, 'upgraded', (ctx) => [upgrade(stream(ctx), ctx.host), after]);
  return [
    refused('an upgrade on /api/messages', (ctx) => upgrade('/api/messages', ctx.host)),
    refused('an upgrade on /', (ctx) => upgrade('/', ctx.host)),
    refused('an h2c upgrade', (ctx) => upgrade('/', ctx.host, ['Upgrade: h2c', 'Connection: Upgrade, HTTP2-Settings', 'HTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA'])),
    refused('no token', (ctx) => upgrade(stream(ctx, undefined, 'watermark=0'), ctx.host)),
    refused('a junk token', (ctx) => upgrade(stream(ctx, undefined, 'watermark=0&t=junk'), ctx.host)),
    refused('the conversation token instead of the stream token', (ctx) => upgrade(stream(ctx, undefined, `watermark=0&t=${ctx.session.token}`), ctx.host)),
    refused('a stream token with a changed signature', (ctx) => upgrade(stream(ctx, undefined, `watermark=0&t=${tampered(ctx.session.streamToken)}`), ctx.host)),
    refused('another visitor\'s conversation', (ctx) => upgrade(stream(ctx, ctx.other.conversationId), ctx.host)),
    refused('a watermark of "abc"', (ctx) => upgrade(stream(ctx, undefined, `watermark=abc&t=${ctx.session.streamToken}`), ctx.host)),
    refused('a conversation id with a bad percent-encoding', (ctx) => upgrade(stream(ctx, '%E0%A4%A'), ctx.host)),
    refused('a conversation id of a lone "%"', (ctx) => upgrade(stream(ctx, '%'), ctx.host)),
    refused('a WebSocket version of 99', (ctx) => upgrade(stream(ctx), ctx.host, ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 99'])),
    refused('no Sec-WebSocket-Key', (ctx) => upgrade(stream(ctx), ctx.host, ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13'])),
    refused('a POST upgrade', (ctx) => upgrade(stream(ctx), ctx.host, undefined, 'POST')),
    row('stream: a Host header with a space, then a close frame', 'upgraded', (ctx) => [upgrade(stream(ctx), 'a b'), frame(Buffer.alloc(0), 0x8)]),
    upgradedThen('then a 5,000-byte frame (over the 4 kB limit)', frame(Buffer.alloc(5000, 0x61))),
    upgradedThen('then an unmasked frame', frame(Buffer.from('hello'), 0x1, false)),
    upgradedThen('then a frame with a reserved opcode', frame(Buffer.from('hello'), 0x3)),
    upgradedThen('then bytes that are not frames', Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02])),
    upgradedThen('then a text frame that is not UTF-8, and a close', Buffer.concat([frame(Buffer.from([0xff, 0xfe])), frame(Buffer.alloc(0), 0x8)])),
  ];
}

/** Every hostile request against the bot's own Direct Line: token endpoint, conversations, activities, stream. */
export function directLineCorpus(): HostileRow[] {
  return [...tokenRows(), ...startRows(), ...postRows(), ...readRows(), ...streamRows()];
}
