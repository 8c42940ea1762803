import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { Message } from 'vscode-languageserver/node';
import { StreamMessageReader } from 'vscode-languageserver/node';
import { coalesceEdits, StreamReader, StreamWriter } from '../../server/src/lsp/transport';

// The server reads what has arrived in one go and makes each run of `didChange` notifications of
// one document a single notification (lsp/transport.ts). These tests feed the reader real bytes
// of the base protocol and compare what comes out with what went in.

const A = 'file:///cfg/onebot11_1.json';
const B = 'file:///cfg/onebot11_2.json';

function change(uri: string, version: number, text: string): Message {
  const range = { start: { line: 0, character: version }, end: { line: 0, character: version } };
  return { jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: [{ range, text }] } } as Message;
}

function changesOf(m: Message): unknown[] {
  return (m as unknown as { params: { contentChanges: unknown[] } }).params.contentChanges;
}

function framed(messages: readonly Message[]): Buffer {
  return Buffer.concat(
    messages.map((m) => {
      const body = Buffer.from(JSON.stringify(m), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    }),
  );
}

test('a run of didChange notifications of one document becomes one, with the changes in order and the last version', () => {
  const run = [change(A, 2, 'a'), change(A, 3, '机'), change(A, 4, '😀')];
  const [merged, ...rest] = coalesceEdits(run);
  assert.equal(rest.length, 0);
  assert.deepEqual(merged, {
    jsonrpc: '2.0',
    method: 'textDocument/didChange',
    params: { textDocument: { uri: A, version: 4 }, contentChanges: run.flatMap(changesOf) },
  });
  // The messages read are left as they were.
  assert.deepEqual(run.map((m) => changesOf(m).length), [1, 1, 1]);
});

test('anything between two edits, or another document, ends a run: nothing is reordered', () => {
  const hover = { jsonrpc: '2.0', id: 7, method: 'textDocument/hover', params: { textDocument: { uri: A }, position: { line: 0, character: 0 } } } as Message;
  const cancel = { jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 7 } } as Message;
  const input = [change(A, 2, 'a'), change(A, 3, 'b'), hover, change(A, 4, 'c'), change(B, 2, 'x'), change(B, 3, 'y'), cancel, change(A, 5, 'd')];
  const out = coalesceEdits(input);
  assert.deepEqual(
    out.map((m) => {
      const x = m as unknown as { method: string; params: { textDocument?: { uri: string; version: number } } };
      return x.method === 'textDocument/didChange' ? `${x.params.textDocument!.uri === A ? 'A' : 'B'}@${x.params.textDocument!.version}×${changesOf(m).length}` : x.method;
    }),
    ['A@3×2', 'textDocument/hover', 'A@4×1', 'B@3×2', '$/cancelRequest', 'A@5×1'],
  );
  assert.equal(out[1], hover);
  assert.equal(out[4], cancel);
});

test('didChange notifications that are not well formed are passed on as they are, never merged', () => {
  const noVersion = { jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: A }, contentChanges: [{ text: 'x' }] } } as Message;
  const noChanges = { jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: A, version: 9 }, contentChanges: [] } } as Message;
  const notAnArray = { jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: A, version: 10 }, contentChanges: 'x' } } as unknown as Message;
  const asRequest = { ...change(A, 11, 'r'), id: 3 } as Message;
  const noParams = { jsonrpc: '2.0', method: 'textDocument/didChange' } as Message;
  for (const odd of [noVersion, noChanges, notAnArray, asRequest, noParams]) {
    const input = [change(A, 2, 'a'), odd, change(A, 12, 'b')];
    const out = coalesceEdits(input);
    assert.equal(out.length, 3, JSON.stringify(odd));
    assert.equal(out[1], odd);
  }
});

/** The messages the reader hands over for `chunks`, batch by batch, and the errors it reports. */
function feed(chunks: readonly Buffer[]): { batches: Message[][]; errors: string[] } {
  const stream = new PassThrough();
  const reader = new StreamReader(stream);
  const batches: Message[][] = [];
  const errors: string[] = [];
  let batch: Message[] | undefined;
  reader.onError((e) => errors.push(e.message));
  reader.listen((m) => batch!.push(m));
  for (const chunk of chunks) {
    batch = [];
    stream.write(chunk);
    if (batch.length > 0) batches.push(batch);
  }
  return { batches, errors };
}

test('the reader reads messages split anywhere, multi-byte characters included', () => {
  const messages = [
    { jsonrpc: '2.0', id: 1, method: 'initialize', params: { locale: 'zh-cn', name: '机器人 😀' } } as Message,
    change(A, 2, '令牌'),
    { jsonrpc: '2.0', id: 2, result: null } as Message,
  ];
  const bytes = framed(messages);
  for (let cut = 1; cut < bytes.length; cut++) {
    const { batches, errors } = feed([bytes.subarray(0, cut), bytes.subarray(cut)]);
    assert.deepEqual(errors, [], `cut at ${cut}`);
    assert.deepEqual(batches.flat(), messages, `cut at ${cut}`);
  }
  // One byte at a time.
  const { batches } = feed([...bytes].map((b) => Buffer.from([b])));
  assert.deepEqual(batches.flat(), messages);
});

test('a burst of edits read in one chunk is handed over as one notification', () => {
  const burst = Array.from({ length: 1000 }, (_, i) => change(A, i + 2, ' '));
  const hover = { jsonrpc: '2.0', id: 5, method: 'textDocument/hover', params: {} } as Message;
  const { batches } = feed([framed([...burst, hover])]);
  assert.equal(batches.length, 1);
  const [merged, last] = batches[0];
  assert.equal(changesOf(merged).length, 1000);
  assert.equal((merged as unknown as { params: { textDocument: { version: number } } }).params.textDocument.version, 1001);
  assert.deepEqual(last, hover);
});

test('a header without a length or a body that is not JSON is reported and skipped; the next message is read', () => {
  const good = { jsonrpc: '2.0', id: 9, method: 'shutdown' } as Message;
  const noLength = Buffer.from('Content-Type: application/vscode-jsonrpc\r\n\r\n', 'ascii');
  const notJson = Buffer.from('Content-Length: 5\r\n\r\n{oops', 'ascii');
  const { batches, errors } = feed([noLength, framed([good]), notJson, framed([good])]);
  assert.deepEqual(batches.flat(), [good, good]);
  assert.equal(errors.length, 2, errors.join('; '));
  // A length that was too short: the rest of that body is skipped up to the next header.
  const body = JSON.stringify(good);
  const short = Buffer.from(`Content-Length: ${body.length - 4}\r\n\r\n${body}`, 'utf8');
  const after = feed([Buffer.concat([short, framed([good])])]);
  assert.deepEqual(after.batches.flat(), [good]);
  assert.ok(after.errors.length >= 1);
});

test('the writer frames each message in one write that vscode-jsonrpc reads back, multi-byte characters included', async () => {
  const out = new PassThrough();
  const writes: Buffer[] = [];
  const write = out.write.bind(out);
  out.write = ((chunk: Buffer, ...rest: never[]) => (writes.push(Buffer.from(chunk)), write(chunk, ...rest))) as typeof out.write;
  const writer = new StreamWriter(out);
  const sent: Message[] = [
    { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: '名称重复 😀' } } as Message,
    { jsonrpc: '2.0', id: 7, result: { items: [] } } as Message,
  ];
  const received: Message[] = [];
  const reader = new StreamMessageReader(out);
  const done = new Promise<void>((resolve) => reader.listen((m) => received.push(m) === sent.length && resolve()));
  for (const m of sent) await writer.write(m);
  await done;
  assert.deepEqual(received, sent);
  assert.equal(writes.length, sent.length, 'one write per message');
  assert.deepEqual(Buffer.concat(writes), framed(sent));
});
