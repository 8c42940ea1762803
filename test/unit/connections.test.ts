import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../server/src/core';
import { wordMessage } from '../../server/src/wording';
import { composeEdits } from '../../server/src/core/edit';
import { applyEdits, type TextEdit } from '../../server/src/core/fixes';
import { describeEntry, editConnection, listConnections, suggestNew, validateField, type ConnectionOp } from '../../server/src/service/connections';

/**
 * Connection operations on small hand-written configs, each compared with the text a person would
 * write: the file's quotes, keys, indentation, line endings and commas; comments kept or, for a
 * deleted entry, taken with it. The property tests (connections-props.test.ts) cover random files.
 */

function edited(text: string, op: ConnectionOp): string {
  const outcome = editConnection(analyze(text), op);
  assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.code}: ${outcome.reason}`);
  return applyEdits(text, outcome.edits);
}

const WS = (name: string, extra = '') => `{ "name": "${name}", "enable": true, "url": "ws://127.0.0.1:8080/${name}"${extra} }`;

test('add: into an existing list, in the file style — JSON5 unquoted keys, single quotes, tabs, CRLF, trailing commas', () => {
  const text = "{\r\n\tnetwork: {\r\n\t\twebsocketServers: [\r\n\t\t\t{ name: 'a', enable: true, port: 3001, },\r\n\t\t],\r\n\t},\r\n}\r\n";
  const out = edited(text, { action: 'add', kind: 'websocketServers', name: 'b', port: 3005 });
  assert.equal(
    out,
    "{\r\n\tnetwork: {\r\n\t\twebsocketServers: [\r\n\t\t\t{ name: 'a', enable: true, port: 3001, },\r\n" +
      "\t\t\t{\r\n\t\t\t\tname: 'b',\r\n\t\t\t\tenable: true,\r\n\t\t\t\thost: '127.0.0.1',\r\n\t\t\t\tport: 3005,\r\n\t\t\t\tmessagePostFormat: 'array',\r\n" +
      "\t\t\t\treportSelfMessage: false,\r\n\t\t\t\ttoken: '',\r\n\t\t\t\tenableForcePushEvent: true,\r\n\t\t\t\tdebug: false,\r\n\t\t\t\theartInterval: 30000,\r\n\t\t\t},\r\n" +
      '\t\t],\r\n\t},\r\n}\r\n',
  );
});

test('add: creates the kind list, or `network` itself, where missing; a one-line file stays on one line', () => {
  assert.equal(
    edited('{\n  "network": {\n    "httpServers": []\n  }\n}\n', { action: 'add', kind: 'plugins', name: 'p' }),
    '{\n  "network": {\n    "httpServers": [],\n    "plugins": [\n      {\n        "name": "p",\n        "enable": true,\n        "messagePostFormat": "array",\n        "reportSelfMessage": false,\n        "debug": false\n      }\n    ]\n  }\n}\n',
  );
  assert.equal(
    edited('{\n  // mine\n  "musicSignUrl": ""\n}\n', { action: 'add', kind: 'plugins', name: 'p' }),
    '{\n  // mine\n  "musicSignUrl": "",\n  "network": {\n    "plugins": [\n      {\n        "name": "p",\n        "enable": true,\n        "messagePostFormat": "array",\n        "reportSelfMessage": false,\n        "debug": false\n      }\n    ]\n  }\n}\n',
  );
  assert.equal(
    edited('{"network": {"plugins": [{"name": "a"}]}}', { action: 'add', kind: 'plugins', name: 'b' }),
    '{"network": {"plugins": [{"name": "a"}, {"name": "b", "enable": true, "messagePostFormat": "array", "reportSelfMessage": false, "debug": false}]}}',
  );
  assert.equal(
    edited('{}', { action: 'add', kind: 'plugins', name: 'p' }),
    '{\n  "network": {\n    "plugins": [\n      {\n        "name": "p",\n        "enable": true,\n        "messagePostFormat": "array",\n        "reportSelfMessage": false,\n        "debug": false\n      }\n    ]\n  }\n}',
  );
});

test('add without a name or port: a descriptive free name and a free port', () => {
  const text = `{ "network": { "websocketServers": [ { "name": "ws-server-3001", "enable": true, "port": 3001 } ], "websocketClients": [ ${WS('astrbot-6199')} ] } }`;
  const a = analyze(text);
  assert.deepEqual(suggestNew(a, 'websocketServers'), { name: 'ws-server-3002', host: '127.0.0.1', port: 3002 });
  assert.deepEqual(suggestNew(a, 'httpServers'), { name: 'http-server-3000', host: '127.0.0.1', port: 3000 });
  assert.deepEqual(suggestNew(a, 'websocketClients'), { name: 'ws-client-8082', url: 'ws://localhost:8082' });
  const outcome = editConnection(a, { action: 'add', kind: 'websocketClients', url: 'ws://astrbot:6199/ws' });
  assert.ok(outcome.ok);
  assert.deepEqual(outcome.entry, { kind: 'websocketClients', index: 1, id: 'websocketClients[1]', name: 'astrbot-6199-2' });
});

test('remove: the entry, the comment lines right above it and its line comment go; a comment after a blank line stays', () => {
  const text = `{
  "network": {
    "websocketClients": [
      // group: local frameworks

      // nonebot, the main bot
      ${WS('nonebot')}, // started by systemd
      /* koishi */ ${WS('koishi')}
    ]
  }
}
`;
  assert.equal(
    edited(text, { action: 'remove', entry: { name: 'nonebot' } }),
    `{
  "network": {
    "websocketClients": [
      // group: local frameworks

      /* koishi */ ${WS('koishi')}
    ]
  }
}
`,
  );
  // The last entry: the comma before it goes too.
  assert.equal(
    edited(text, { action: 'remove', entry: { name: 'koishi' } }),
    `{
  "network": {
    "websocketClients": [
      // group: local frameworks

      // nonebot, the main bot
      ${WS('nonebot')} // started by systemd
    ]
  }
}
`,
  );
});

test('remove: trailing-comma style kept; the only entry leaves `[]`; one-line lists', () => {
  assert.equal(
    edited(`{ network: { plugins: [\n  { name: 'a' },\n  { name: 'b' },\n] } }`, { action: 'remove', entry: { name: 'b' } }),
    `{ network: { plugins: [\n  { name: 'a' },\n] } }`,
  );
  assert.equal(edited(`{\n  "network": {\n    "plugins": [\n      { "name": "a" }\n    ]\n  }\n}`, { action: 'remove', entry: { name: 'a' } }), `{\n  "network": {\n    "plugins": []\n  }\n}`);
  const line = '{"network": {"plugins": [{"name": "a"}, {"name": "b"}, {"name": "c"}]}}';
  assert.equal(edited(line, { action: 'remove', entry: { name: 'a' } }), '{"network": {"plugins": [{"name": "b"}, {"name": "c"}]}}');
  assert.equal(edited(line, { action: 'remove', entry: { name: 'b' } }), '{"network": {"plugins": [{"name": "a"}, {"name": "c"}]}}');
  assert.equal(edited(line, { action: 'remove', entry: { name: 'c' } }), '{"network": {"plugins": [{"name": "a"}, {"name": "b"}]}}');
  assert.equal(edited('{"network": {"plugins": [{"name": "a"}]}}', { action: 'remove', entry: { id: 'plugins[0]' } }), '{"network": {"plugins": []}}');
});

test('set: a string keeps its quotes, a missing key is added after the last member, a missing name first', () => {
  const text = `{ network: { websocketClients: [\n  {\n    enable: true,\n    url: 'ws://a:1/', // old\n  },\n] } }`;
  assert.equal(
    edited(text, { action: 'setUrl', entry: { id: 'websocketClients[0]' }, url: 'ws://b:2/' }),
    `{ network: { websocketClients: [\n  {\n    enable: true,\n    url: 'ws://b:2/', // old\n  },\n] } }`,
  );
  assert.equal(
    edited(text, { action: 'setToken', entry: { id: 'websocketClients[0]' }, token: "it's" }),
    `{ network: { websocketClients: [\n  {\n    enable: true,\n    url: 'ws://a:1/', // old\n    token: 'it\\'s',\n  },\n] } }`,
  );
  assert.equal(
    edited(text, { action: 'rename', entry: { id: 'websocketClients[0]' }, newName: 'bot' }),
    `{ network: { websocketClients: [\n  {\n    name: 'bot',\n    enable: true,\n    url: 'ws://a:1/', // old\n  },\n] } }`,
  );
  assert.equal(
    edited(text, { action: 'setEnabled', entry: { id: 'websocketClients[0]' }, enable: false }),
    `{ network: { websocketClients: [\n  {\n    enable: false,\n    url: 'ws://a:1/', // old\n  },\n] } }`,
  );
  assert.equal(
    edited(text, { action: 'setField', entry: { id: 'websocketClients[0]' }, field: 'heartInterval', value: '15000' }),
    `{ network: { websocketClients: [\n  {\n    enable: true,\n    url: 'ws://a:1/', // old\n    heartInterval: 15000,\n  },\n] } }`,
  );
});

test('duplicate: a disabled copy right after the entry, its own text (unknown keys, comments) with a new name', () => {
  const text = `{\n  "network": {\n    "websocketClients": [\n      {\n        "name": "a", // first\n        "enable": true,\n        "x-note": 1\n      },\n      ${WS('z')}\n    ]\n  }\n}\n`;
  assert.equal(
    edited(text, { action: 'duplicate', entry: { name: 'a' } }),
    `{\n  "network": {\n    "websocketClients": [\n      {\n        "name": "a", // first\n        "enable": true,\n        "x-note": 1\n      },\n      {\n        "name": "a-2", // first\n        "enable": false,\n        "x-note": 1\n      },\n      ${WS('z')}\n    ]\n  }\n}\n`,
  );
});

test('a legacy file is rebuilt first: the edits apply to the original text and give the rebuilt text with the change', () => {
  const text = '{\n  "ws": { "enable": true, "host": "0.0.0.0", "port": 3001 },\n  "token": "t"\n}\n';
  const outcome = editConnection(analyze(text), { action: 'setPort', entry: { id: 'ws' }, port: 3005 });
  assert.ok(outcome.ok);
  assert.equal(outcome.rebuilt, true);
  const value = JSON.parse(applyEdits(text, outcome.edits)) as Record<string, unknown> & { network: { websocketServers: { port: number; host: string; token: string }[] } };
  assert.deepEqual(Object.keys(value), ['network']);
  assert.deepEqual(
    value.network.websocketServers.map((s) => [s.port, s.host, s.token]),
    [[3005, '0.0.0.0', 't']],
  );
});

test('refusals: the words of the diagnostic the result would get; a broken file or shape is refused as such', () => {
  const text = `{ "network": { "websocketClients": [ ${WS('a')}, ${WS('b')} ] } }`;
  const renamed = text.replace('"name": "b"', '"name": "a"');
  const diagnostic = analyze(renamed).findings.find((f) => f.code === 'napcat.duplicate-name')!;
  const outcome = editConnection(analyze(text), { action: 'rename', entry: { name: 'b' }, newName: 'a' });
  assert.ok(!outcome.ok);
  assert.deepEqual([outcome.code, outcome.field, outcome.suggestion], ['name-taken', 'name', 'a-2']);
  // The diagnostic is on the entry that would be replaced: the reason says which one, then gives its words.
  assert.equal(outcome.reason, `This would break websocketClients[0] “a”, which then reports: ${wordMessage(diagnostic)}`);
  assert.deepEqual(validateField(analyze(text), 'websocketClients', 'name', 'a', { name: 'b' }), { reason: outcome.reason, suggestion: 'a-2' });
  assert.equal(validateField(analyze(text), 'websocketClients', 'name', 'c', { name: 'b' }), undefined);

  const broken = editConnection(analyze('{ "network": '), { action: 'add', kind: 'plugins' });
  assert.ok(!broken.ok && broken.code === 'unparsable');
  const notObject = editConnection(analyze('{ "network": [] }'), { action: 'add', kind: 'plugins' });
  assert.ok(!notObject.ok && notObject.code === 'unsupported-shape', JSON.stringify(notObject));
  const ambiguous = editConnection(analyze(`{ "network": { "websocketClients": [ ${WS('a')}, ${WS('a')} ] } }`), { action: 'remove', entry: { name: 'a' } });
  assert.ok(!ambiguous.ok && ambiguous.code === 'ambiguous');
  assert.match(ambiguous.reason, /websocketClients\[0\], websocketClients\[1\]/);
});

test('describe and list show tokens, and secrets in URLs, only masked', () => {
  const text = `{ "network": { "httpServers": [ { "name": "h", "enable": true, "port": 3000, "token": "SeCrEt-12345" } ], "websocketClients": [ ${WS('w')} ] } }`;
  const a = analyze(text);
  const d = describeEntry(a, { name: 'h' })!;
  assert.deepEqual(d.fields.find((f) => f.key === 'token'), { key: 'token', value: '***', default: '', type: 'string', description: 'Access token; empty means no authentication.', secret: true });
  assert.deepEqual(d.fields.find((f) => f.key === 'enableCors'), { key: 'enableCors', value: true, default: true, type: 'boolean', description: 'Send CORS headers.' });
  assert.equal(describeEntry(a, { name: 'nope' }), undefined);
  const withSecretUrl = analyze(`{ "network": { "websocketClients": [ { "name": "q", "url": "ws://h:1/ws?access_token=SeCrEt-999" } ] } }`);
  assert.equal(describeEntry(withSecretUrl, { name: 'q' })!.fields.find((f) => f.key === 'url')!.value, 'ws://h:1/ws?access_token=***');
  assert.deepEqual(listConnections(a).entries.map((e) => [e.name, e.endpoint, e.tokenSet]), [
    ['h', '127.0.0.1:3000', true],
    ['w', 'ws://127.0.0.1:8080/w', false],
  ]);
  assert.ok(!JSON.stringify([d, listConnections(a)]).includes('SeCrEt'));
});

test('set-url over the masked URL that describe shows: each *** typed back keeps the secret it hid', () => {
  const text = `{ "network": { "websocketClients": [ { "name": "q", "url": "ws://h:1/ws?access_token=SeCrEt-999&x=1" } ] } }`;
  const shown = describeEntry(analyze(text), { name: 'q' })!.fields.find((f) => f.key === 'url')!.value as string;
  assert.equal(shown, 'ws://h:1/ws?access_token=***&x=1');
  const moved = edited(text, { action: 'setUrl', entry: { name: 'q' }, url: shown.replace('ws://h:1', 'ws://astrbot:6199') });
  assert.match(moved, /"url": "ws:\/\/astrbot:6199\/ws\?access_token=SeCrEt-999&x=1"/);
  // A *** that cannot stand for one of the URL's secrets is refused, and nothing is written.
  const outcome = editConnection(analyze(text), { action: 'setUrl', entry: { name: 'q' }, url: 'ws://a:1/***?access_token=***' });
  assert.equal(outcome.ok, false);
  assert.equal(outcome.ok ? '' : outcome.code, 'bad-url');
  // A new token typed in full replaces the old one.
  assert.match(edited(text, { action: 'setUrl', entry: { name: 'q' }, url: 'ws://h:1/ws?access_token=new-token' }), /access_token=new-token"/);
});

test('composeEdits: the composed edits of the original give the text of both rounds', () => {
  const edit = (len: number) =>
    fc.array(fc.record({ offset: fc.nat(len), length: fc.nat(4), newText: fc.string({ maxLength: 5 }) }), { maxLength: 5 }).map((es) => {
      // Non-overlapping, inside the text.
      const out: TextEdit[] = [];
      let at = 0;
      for (const e of [...es].sort((x, y) => x.offset - y.offset)) {
        if (e.offset < at || e.offset + e.length > len) continue;
        out.push(e);
        at = e.offset + e.length;
      }
      return out;
    });
  fc.assert(
    fc.property(
      fc.string({ minLength: 0, maxLength: 30 }).chain((text) =>
        edit(text.length).chain((first) => {
          const middle = applyEdits(text, first);
          return edit(middle.length).map((second) => ({ text, first, second, middle }));
        }),
      ),
      ({ text, first, second, middle }) => {
        assert.equal(applyEdits(text, composeEdits(text, first, second)), applyEdits(middle, second));
      },
    ),
    { numRuns: 2000 },
  );
});

test('bad input never throws: junk operations, references and values on broken and odd files get a refusal', () => {
  const texts = ['', '{', '[]', '{}', '{"network": []}', '{"network": {"websocketClients": {}}}', '{"network": {"websocketClients": [1, "x", null, {"name": 5}]}}', '{"reverseWs": ["ws://a:1/"]}'];
  const junk: unknown[] = [undefined, null, 0, 'x', '', {}, [], { id: 5 }, { name: null }, { id: 'websocketClients[0]' }, { id: 'x[99999999999999999999]' }];
  const actions = ['add', 'rename', 'setEnabled', 'setUrl', 'setPort', 'setToken', 'setField', 'duplicate', 'remove', 'nope', undefined];
  let refused = 0;
  for (const text of texts) {
    const a = analyze(text);
    for (const action of actions) {
      for (const v of junk) {
        const op = { action, entry: v, kind: v, newName: v, enable: v, url: v, port: v, token: v, field: v, value: v, name: v, host: v } as unknown as ConnectionOp;
        const outcome = editConnection(a, op);
        assert.equal(typeof (outcome.ok ? outcome.message : outcome.reason), 'string');
        if (!outcome.ok) refused++;
        validateField(a, v as never, String(v), String(v), v as never);
        describeEntry(a, v as never);
        suggestNew(a, v as never);
      }
    }
    listConnections(a);
  }
  assert.ok(refused > 0);
});
