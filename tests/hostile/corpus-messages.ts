import { gzipSync } from 'node:zlib';
import { httpRequest } from './raw';
import { activity, JSON_TYPE, nested, post, row, withRawField, type HostileRow } from './rows';

const PATH = '/api/messages';
const valid = () => JSON.stringify(activity());

/** Not JSON, or not quite: each must be refused. */
const BAD_JSON = [
  '{', '}', '[', '"unterminated', '{"type":', '{"type":"message"', '{"type":"message",}', "{'type':'message'}", '{type:"message"}',
  '{"type":"message"}}', '{"type":"message"} {"type":"message"}', 'nul', 'tru', 'undefined', 'NaN', 'Infinity', '0x10', '{"a":NaN}',
  '{"a":01}', '{"a":.5}', '{"a":"\\x41"}', '{"a":"\\u12"}', '{"a":"\\uZZZZ"}', '{"a":"\\ud800\\uZZZZ"}', '{"a":"\\U0001F600"}',
  '/* comment */ {}', '{"a":1 // comment\n}', '{"a":"raw\ttab"}', '{"a":"raw\u0000nul"}', '{"a":"raw\nnewline"}', '\u0000', ' ',
  '\ufeff{"type":"message"}', '{"__proto__":', '{"type":"message","text":"' + 'x'.repeat(1000),
];

/** Valid JSON that is not an activity. */
const NOT_AN_ACTIVITY = ['null', 'true', 'false', '0', '-0', '1e309', '"message"', '[]', `[${valid()}]`, '{}', '{"type":""}', '{"type":"selfDestruct"}', nested(10_000, 'object'), nested(10_000, 'array')];

/** A wrong value for each field: the bot refuses it with 400, or ignores it and answers. */
const WRONG_TYPES: [string, unknown[]][] = [
  ['type', [null, 42, true, [], {}, ['message'], 'MESSAGE', 'message ']],
  ['text', [null, 42, true, [], {}, ['hi'], { toString: 'hi' }]],
  ['id', [null, 42, {}, []]],
  ['channelId', [null, 42, {}, [], '', '../../etc', '__proto__', 'x'.repeat(5000)]],
  ['serviceUrl', [null, 42, {}, [], '']],
  ['locale', [null, 42, {}, 'xx-INVALID-LOCALE-'.repeat(50)]],
  ['deliveryMode', [null, 42, {}, []]],
  ['replyToId', [null, 42, {}]],
  ['from', [null, 'user', 42, [], {}, { id: 42 }, { id: '' }, { id: null }, { id: {} }]],
  ['recipient', [null, 'bot', 42, [], { id: 42 }]],
  ['conversation', [null, 'c', 42, [], {}, { id: 42 }, { id: '' }, { id: ['c'] }]],
  ['channelData', [null, 'data', 42, [], { tenant: null }, { tenant: { id: 42 } }]],
  ['attachments', [null, 'x', 42, {}, [null], ['x'], [42], [{ contentType: 42 }], [{ contentType: 'image/png', contentUrl: 'file:///etc/passwd' }]]],
  ['entities', [null, 'x', 42, {}, [null], ['x'], [42], [{ type: 'mention', mentioned: null, text: 42 }], [{ type: 'mention', mentioned: { id: 'bot' }, text: '' }]]],
  ['membersAdded', [null, 'x', 42, {}]],
  ['membersRemoved', [null, 'x', 42, {}]],
  ['value', [null, 42, true, [], {}, 'triage:start', 'topic:__proto__', 'x'.repeat(300)]],
  ['timestamp', [null, 42, {}, 'not a date', '9999-99-99T99:99:99Z']],
  ['localTimestamp', [42, {}, 'yesterday']],
  ['textFormat', [42, 'html', {}]],
  ['name', [42, {}, []]],
  ['suggestedActions', ['x', 42, { actions: 'x' }]],
];

/** Array members of the wrong kind inside a conversation update. */
const BAD_MEMBERS: unknown[][] = [[null], ['x'], [42], [{}], [{ id: 42 }], [{ id: null }]];

/** Strings that are not valid Unicode, sent as JSON escapes. */
const BAD_ESCAPES = ['"\\ud800"', '"\\udc00\\ud800"', '"\\udfff"', '"knee \\ud83e pain"', '"\\u0000\\u001b\\u202e"'];

/** Bytes that are not valid UTF-8, put straight into the text. */
const BAD_BYTES: [string, number[]][] = [
  ['0xFF 0xFE', [0xff, 0xfe]],
  ['an overlong slash (0xC0 0xAF)', [0xc0, 0xaf]],
  ['a truncated euro sign', [0xe2, 0x82]],
  ['a UTF-8 encoded surrogate', [0xed, 0xa0, 0x80]],
  ['a lone continuation byte', [0x80]],
  ['five-byte old-style UTF-8', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ['a NUL byte', [0x00]],
];

function withBytes(bytes: number[]): Buffer {
  const [before, after] = JSON.stringify(activity({ text: 'XX' })).split('XX');
  return Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from(bytes), Buffer.from(after, 'utf8')]);
}

/** Header tricks against /api/messages with an otherwise valid activity. */
function headerRows(): HostileRow[] {
  const body = () => valid();
  const send = (name: string, expect: 'refused' | 'answered', headers: string[], extra: { contentLength?: string; body?: string | Buffer } = {}) =>
    row(name, expect, (ctx) => [httpRequest({ path: PATH, host: ctx.host, headers, body: extra.body ?? body(), contentLength: extra.contentLength })]);
  const chunked = (name: string, expect: 'refused' | 'answered', chunks: string) =>
    row(name, expect, (ctx) => [httpRequest({ path: PATH, host: ctx.host, headers: [JSON_TYPE, 'Transfer-Encoding: chunked'], body: chunks, contentLength: 'omit' })]);
  const json = valid();
  return [
    send('no content type', 'refused', []),
    send('content type text/plain', 'refused', ['Content-Type: text/plain']),
    send('content type application/xml', 'refused', ['Content-Type: application/xml']),
    send('content type multipart/form-data without a boundary', 'refused', ['Content-Type: multipart/form-data']),
    send('content type application/octet-stream', 'refused', ['Content-Type: application/octet-stream']),
    send('content type form-urlencoded', 'refused', ['Content-Type: application/x-www-form-urlencoded'], { body: 'type=message&text=hi' }),
    send('two content types, JSON first', 'answered', [JSON_TYPE, 'Content-Type: text/plain']),
    send('two content types, text first', 'answered', ['Content-Type: text/plain', JSON_TYPE]),
    send('a content type list', 'answered', ['Content-Type: application/json, text/plain']),
    send('a content type of semicolons', 'answered', ['Content-Type: application/json;;;;=;']),
    send('a JSON content type claiming UTF-16', 'answered', ['Content-Type: application/json; charset=utf-16']),
    send('a 6,000-character content type', 'refused', [`Content-Type: application/${'x'.repeat(6000)}`]),
    send('a 20 kB header', 'refused', [JSON_TYPE, `X-Padding: ${'a'.repeat(20_000)}`]),
    send('3,000 headers', 'refused', [JSON_TYPE, ...Array.from({ length: 3000 }, (_, i) => `X-H${i}: 1`)]),
    send('a header with a NUL byte', 'refused', [JSON_TYPE, 'X-Evil: a\u0000b']),
    send('a header line without a colon', 'refused', [JSON_TYPE, 'NoColonHere']),
    send('a header name with spaces', 'refused', [JSON_TYPE, 'Bad Name: 1']),
    send('Content-Length "abc"', 'refused', [JSON_TYPE], { contentLength: 'abc' }),
    send('Content-Length -1', 'refused', [JSON_TYPE], { contentLength: '-1' }),
    send('Content-Length 1e3', 'refused', [JSON_TYPE], { contentLength: '1e3' }),
    send('two different Content-Lengths', 'refused', [JSON_TYPE, `Content-Length: ${json.length + 1}`], { body: json }),
    send('a Content-Length shorter than the body', 'answered', [JSON_TYPE], { contentLength: '10', body: json }),
    send('Content-Length and Transfer-Encoding together', 'refused', [JSON_TYPE, 'Transfer-Encoding: chunked'], { body: '0\r\n\r\n' }),
    send('Transfer-Encoding gzip, chunked', 'refused', [JSON_TYPE, 'Transfer-Encoding: gzip, chunked'], { contentLength: 'omit', body: '0\r\n\r\n' }),
    send('Transfer-Encoding identity', 'refused', [JSON_TYPE, 'Transfer-Encoding: identity'], { contentLength: 'omit' }),
    chunked('a valid chunked body', 'answered', `${Buffer.byteLength(json).toString(16)}\r\n${json}\r\n0\r\n\r\n`),
    chunked('a chunked body in one-byte chunks', 'answered', [...json].map((c) => `1\r\n${c}\r\n`).join('') + '0\r\n\r\n'),
    chunked('a chunk size that is not hex', 'refused', `ZZ\r\n${json}\r\n0\r\n\r\n`),
    chunked('a chunk extension', 'answered', `${Buffer.byteLength(json).toString(16)};name=value\r\n${json}\r\n0\r\n\r\n`),
    chunked('a chunked body with trailers', 'answered', `${Buffer.byteLength(json).toString(16)}\r\n${json}\r\n0\r\nX-Trailer: 1\r\n\r\n`),
    chunked('a chunk longer than its size', 'refused', `2\r\n${json}\r\n0\r\n\r\n`),
    chunked('a negative chunk size', 'refused', `-5\r\n${json}\r\n0\r\n\r\n`),
    send('Content-Encoding gzip with a plain body', 'refused', [JSON_TYPE, 'Content-Encoding: gzip']),
    row('Content-Encoding gzip with an empty chunked body', 'refused', (ctx) => [httpRequest({ path: PATH, host: ctx.host, headers: [JSON_TYPE, 'Content-Encoding: gzip', 'Transfer-Encoding: chunked'], body: '0\r\n\r\n', contentLength: 'omit' })]),
    send('Content-Encoding gzip with a truncated gzip body', 'refused', [JSON_TYPE, 'Content-Encoding: gzip'], { body: gzipSync(json).subarray(0, 20) }),
    send('Content-Encoding gzip whose body inflates to 50 MB', 'refused', [JSON_TYPE, 'Content-Encoding: gzip'], { body: gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20)) }),
    send('Content-Encoding deflate', 'refused', [JSON_TYPE, 'Content-Encoding: deflate']),
    send('Content-Encoding br', 'refused', [JSON_TYPE, 'Content-Encoding: br']),
    send('Content-Encoding "gzip, gzip"', 'refused', [JSON_TYPE, 'Content-Encoding: gzip, gzip']),
    send('a wrong Content-MD5', 'refused', [JSON_TYPE, 'Content-MD5: AAAAAAAAAAAAAAAAAAAAAA==']),
    send('Expect: 100-continue', 'answered', [JSON_TYPE, 'Expect: 100-continue']),
    send('Expect: something else', 'refused', [JSON_TYPE, 'Expect: 200-ok']),
    send('an 8 kB bearer token', 'answered', [JSON_TYPE, `Authorization: Bearer ${'A'.repeat(8000)}`]),
    send('Authorization: Basic', 'answered', [JSON_TYPE, 'Authorization: Basic Og==']),
    send('Authorization: "Bearer" and nothing', 'answered', [JSON_TYPE, 'Authorization: Bearer']),
    send('a JWT with alg none', 'answered', [JSON_TYPE, 'Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.']),
    send('two Authorization headers', 'answered', [JSON_TYPE, 'Authorization: Bearer a', 'Authorization: Bearer b']),
    send('an Authorization header of raw high bytes', 'answered', [JSON_TYPE, 'Authorization: Bearer \u00ff\u00fe\u00fd']),
    send('an Accept header no formatter serves, with a bearer token', 'answered', [JSON_TYPE, 'Accept: application/x-nothing', 'Authorization: Bearer not-a-real-token-but-logged-if-leaked']),
    send('Accept: */*;q=0 with a bearer token', 'answered', [JSON_TYPE, 'Accept: */*;q=0', 'Authorization: Bearer not-a-real-token-but-logged-if-leaked']),
    send('X-Forwarded-For spoofing', 'answered', [JSON_TYPE, 'X-Forwarded-For: 1.2.3.4, ' + '5.6.7.8, '.repeat(500)]),
    row('a Host header with a space', 'refused', () => [httpRequest({ path: PATH, host: '', headers: ['Host: a b', JSON_TYPE], body: valid() })]),
    row('a Host header "["', 'refused', () => [httpRequest({ path: PATH, host: '', headers: ['Host: [', JSON_TYPE], body: valid() })]),
    row('a Host header with a port out of range', 'refused', () => [httpRequest({ path: PATH, host: '', headers: ['Host: bot:99999999', JSON_TYPE], body: valid() })]),
    row('a Host header with HTML in it', 'answered', () => [httpRequest({ path: PATH, host: '', headers: ['Host: evil"><script>alert(1)</script>', JSON_TYPE], body: valid() })]),
    row('two Host headers', 'answered', (ctx) => [httpRequest({ path: PATH, host: ctx.host, headers: ['Host: other.example', JSON_TYPE], body: valid() })]),
    row('no Host header', 'refused', () => [httpRequest({ path: PATH, host: '', headers: [JSON_TYPE], body: valid() })]),
    row('an HTTP/1.0 request', 'answered', (ctx) => [httpRequest({ path: PATH, host: ctx.host, headers: [JSON_TYPE], body: valid(), version: 'HTTP/1.0' })]),
    row('an HTTP/2 preface', 'refused', () => ['PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n']),
    row('bytes that are not HTTP', 'refused', () => [Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x01, 0x00, 0x00, 0x0d, 0x0a, 0x0d, 0x0a])]),
    row('a request line of 100,000 characters', 'refused', (ctx) => [httpRequest({ method: 'GET', path: `/${'a'.repeat(100_000)}`, host: ctx.host })]),
    row('a body split across many small writes', 'answered', (ctx) => {
      const whole = httpRequest({ path: PATH, host: ctx.host, headers: [JSON_TYPE], body: valid() });
      return Array.from({ length: Math.ceil(whole.length / 7) }, (_, i) => whole.subarray(i * 7, i * 7 + 7));
    }),
  ];
}

function methodAndPathRows(): HostileRow[] {
  const methods = ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'FOO'].map((method) =>
    row(`${method} /api/messages`, 'refused', (ctx) => [httpRequest({ method, path: PATH, host: ctx.host, headers: [JSON_TYPE], body: method === 'GET' || method === 'HEAD' ? '' : valid() })]),
  );
  const paths: [string, 'refused' | 'answered'][] = [
    ['/api/messages/', 'answered'], ['/api/messages?x=1', 'answered'], ['/API/MESSAGES', 'refused'], ['//api/messages', 'refused'], ['/api//messages', 'refused'],
    ['/api/messages%00', 'refused'], ['/api/messages/..', 'refused'], ['/api/./messages', 'answered'], ['/api/%6dessages', 'answered'], ['/api/messages;x=1', 'refused'],
    ['/api/messages?__proto__[polluted]=1&constructor[prototype][polluted]=1', 'answered'], [`/api/messages?${'a=1&'.repeat(2000)}`, 'answered'],
    ['/%2e%2e/%2e%2e/etc/passwd', 'refused'], ['/static/..%2f..%2fpackage.json', 'refused'], ['/static/%2e%2e%2f.env', 'refused'], ['/static/%E0%A4%A', 'refused'],
    ['/static/..\\..\\package.json', 'refused'], ['/embed.js/../../package.json', 'refused'], ['/webchat/../../../../etc/passwd', 'refused'], ['/\u00ff\u00fe', 'refused'],
    ['http://127.0.0.1/api/messages', 'answered'], ['http://[::1', 'refused'], ['*', 'refused'], ['api/messages', 'refused'],
  ];
  return [
    ...methods,
    row('CONNECT to another port', 'dropped', () => ['CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n']),
    ...paths.map(([path, expect]) => row(`POST ${path.length > 60 ? `${path.slice(0, 60)}...` : path}`, expect, (ctx) => [httpRequest({ path, host: ctx.host, headers: [JSON_TYPE], body: valid() })])),
  ];
}

function bodyRows(): HostileRow[] {
  const wrongTypes = WRONG_TYPES.flatMap(([field, values]) =>
    values.map((value) => row(`${field} = ${JSON.stringify(value).slice(0, 40)}`, 'answered', post(PATH, JSON.stringify(activity({ [field]: value }))))),
  );
  const members = BAD_MEMBERS.flatMap((members) => [
    row(`a conversation update with membersAdded ${JSON.stringify(members)}`, 'answered', post(PATH, JSON.stringify(activity({ type: 'conversationUpdate', membersAdded: members })))),
    row(`a conversation update with membersRemoved ${JSON.stringify(members)}`, 'answered', post(PATH, JSON.stringify(activity({ type: 'conversationUpdate', membersRemoved: members })))),
  ]);
  return [
    ...BAD_JSON.map((text) => row(`bad JSON ${JSON.stringify(text.slice(0, 40))}`, 'refused', post(PATH, text))),
    ...NOT_AN_ACTIVITY.map((text) => row(`JSON that is not an activity: ${text.slice(0, 40)}`, 'refused', post(PATH, text))),
    ...wrongTypes,
    ...members,
    ...BAD_ESCAPES.map((escape) => row(`text ${escape}`, 'answered', post(PATH, withRawField('text', escape)))),
    ...BAD_ESCAPES.map((escape) => row(`conversation id ${escape}`, 'answered', post(PATH, withRawField('conversation', `{"id":${escape}}`)))),
    ...BAD_BYTES.map(([name, bytes]) => row(`text with ${name}`, 'answered', post(PATH, withBytes(bytes)))),
    row('a key that is not valid UTF-8', 'answered', post(PATH, Buffer.concat([Buffer.from('{"'), Buffer.from([0xff]), Buffer.from(`":1,${valid().slice(1)}`)]))),
    row('text of 200,000 characters', 'answered', post(PATH, JSON.stringify(activity({ text: 'my knee '.repeat(25_000) })))),
    row('a body over the size limit (300 kB)', 'refused', post(PATH, JSON.stringify(activity({ text: 'x'.repeat(300_000) })))),
    row('a body of 12 MB', 'refused', post(PATH, JSON.stringify(activity({ text: 'x'.repeat(12_000_000) })))),
    row('a 200 kB conversation id', 'answered', post(PATH, JSON.stringify(activity({ conversation: { id: 'c'.repeat(200_000) } })))),
    row('a 200 kB user id', 'answered', post(PATH, JSON.stringify(activity({ from: { id: 'u'.repeat(200_000) } })))),
    row('20,000 entities', 'answered', post(PATH, JSON.stringify(activity({ entities: Array.from({ length: 20_000 }, () => ({ type: 'x' })) })))),
    row('10,000 attachments', 'answered', post(PATH, JSON.stringify(activity({ attachments: Array.from({ length: 10_000 }, () => ({ contentType: 'image/png' })) })))),
    row('a value nested 10,000 arrays deep', 'answered', post(PATH, withRawField('value', nested(10_000, 'array')))),
    row('a value nested 10,000 objects deep', 'answered', post(PATH, withRawField('value', nested(10_000, 'object')))),
    row('a value nested 60,000 arrays deep', 'answered', post(PATH, withRawField('value', nested(60_000, 'array')))),
    row('channelData nested 10,000 objects deep', 'answered', post(PATH, withRawField('channelData', nested(10_000, 'object')))),
    row('an entity nested 10,000 deep', 'answered', post(PATH, withRawField('entities', `[{"type":"x","deep":${nested(10_000, 'array')}}]`))),
    row('no deliveryMode: replies go to an unreachable serviceUrl', 'answered', post(PATH, JSON.stringify(activity({ deliveryMode: undefined }))), true),
    row('no deliveryMode and a serviceUrl that is not a URL', 'answered', post(PATH, JSON.stringify(activity({ deliveryMode: undefined, serviceUrl: 'not a url' }))), true),
    row('an invoke activity', 'answered', post(PATH, JSON.stringify(activity({ type: 'invoke', name: 'adaptiveCard/action', value: null })))),
    row('a typing activity', 'answered', post(PATH, JSON.stringify(activity({ type: 'typing' })))),
    row('an endOfConversation activity', 'answered', post(PATH, JSON.stringify(activity({ type: 'endOfConversation' })))),
    row('a messageReaction with junk reactions', 'answered', post(PATH, JSON.stringify(activity({ type: 'messageReaction', reactionsAdded: [null, 'x'] })))),
    row('an installationUpdate with a junk action', 'answered', post(PATH, JSON.stringify(activity({ type: 'installationUpdate', action: { evil: true } })))),
    row('an SMS "STOP" from a made-up number', 'answered', post(PATH, JSON.stringify(activity({ channelId: 'sms', text: 'STOP' })))),
    row('a Teams message with a null tenant', 'answered', post(PATH, JSON.stringify(activity({ channelId: 'msteams', channelData: { tenant: null } })))),
  ];
}

/** Keys and ids that would pollute Object.prototype if anything merged input carelessly. */
export function pollutionRows(): HostileRow[] {
  const base = valid().slice(1);
  const bodies: [string, string][] = [
    ['a top-level __proto__ key', `{"__proto__":{"polluted":"yes","type":"message"},${base}`],
    ['a top-level constructor.prototype key', `{"constructor":{"prototype":{"polluted":"yes"}},${base}`],
    ['__proto__ in from', withRawField('from', '{"id":"u-proto","__proto__":{"polluted":"yes","id":"admin"}}')],
    ['__proto__ in conversation', withRawField('conversation', '{"id":"c-proto","__proto__":{"polluted":"yes"}}')],
    ['__proto__ in channelData', withRawField('channelData', '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}')],
    ['__proto__ in value', withRawField('value', '{"__proto__":{"polluted":"yes"}}')],
    ['__proto__ in an entity', withRawField('entities', '[{"type":"mention","__proto__":{"polluted":"yes"}}]')],
    ['__proto__ in an attachment', withRawField('attachments', '[{"contentType":"x","__proto__":{"polluted":"yes"}}]')],
    ['a conversation id of "__proto__"', JSON.stringify(activity({ conversation: { id: '__proto__' } }))],
    ['a conversation id of "constructor"', JSON.stringify(activity({ conversation: { id: 'constructor' } }))],
    ['a channel id of "__proto__"', JSON.stringify(activity({ channelId: '__proto__' }))],
    ['a user id of "__proto__"', JSON.stringify(activity({ from: { id: '__proto__' } }))],
    ['a button value of "__proto__"', JSON.stringify(activity({ value: '__proto__', text: '__proto__' }))],
    ['text "constructor"', JSON.stringify(activity({ text: 'constructor' }))],
    ['text "toString"', JSON.stringify(activity({ text: 'hasOwnProperty' }))],
  ];
  return bodies.map(([name, body]) => row(`prototype pollution: ${name}`, 'answered', post(PATH, body)));
}

/** Every hostile request against /api/messages and the HTTP server around it. */
export function messagesCorpus(): HostileRow[] {
  return [...bodyRows(), ...pollutionRows(), ...headerRows(), ...methodAndPathRows()];
}
