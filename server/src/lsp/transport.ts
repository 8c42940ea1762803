import { Console } from 'node:console';
import * as net from 'node:net';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  Disposable,
  IPCMessageReader,
  IPCMessageWriter,
  type DataCallback,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';

/**
 * The server's end of the connection, read in batches.
 *
 * An editor sends a `textDocument/didChange` per keystroke; a paste, a macro or key repeat sends
 * thousands at once, faster than they are handled. `vscode-jsonrpc` hands incoming messages to the
 * server one per turn of the event loop (its stream reader decodes each body in a turn of its own,
 * then its connection dispatches each message in another), so 2,000 queued edits cost 4,000 turns
 * and their garbage before the newest text is seen — about 100 ms on a server that does nothing
 * with them. Here a transport reads whatever has arrived in one go, and consecutive `didChange`
 * notifications of the same document become one (`coalesceEdits`): the connection dispatches a
 * few messages per burst, each with the content changes of hundreds of keystrokes, which the
 * document applies in order as LSP specifies. Nothing else is merged or reordered.
 *
 * Messages out go in one write each (`StreamWriter`).
 *
 * Transports, as `vscode-languageserver`'s `createConnection` picks them from the command line:
 * `--stdio`, `--node-ipc` (VS Code), `--socket=<port>`, `--pipe=<name>`.
 */

const DID_CHANGE = 'textDocument/didChange';

interface DidChange {
  readonly jsonrpc: string;
  readonly method: typeof DID_CHANGE;
  readonly params: { readonly textDocument: { readonly uri: string; readonly version: number }; readonly contentChanges: readonly unknown[] };
}

/** A well-formed `didChange` notification that changes something (others are passed on as they are). */
function isDidChange(m: Message): m is Message & DidChange {
  const x = m as Partial<DidChange> & { id?: unknown };
  if (x.method !== DID_CHANGE || x.id !== undefined || typeof x.params !== 'object' || x.params === null) return false;
  const { textDocument, contentChanges } = x.params;
  return (
    typeof textDocument === 'object' &&
    textDocument !== null &&
    typeof textDocument.uri === 'string' &&
    typeof textDocument.version === 'number' &&
    Array.isArray(contentChanges) &&
    contentChanges.length > 0
  );
}

/**
 * The messages in order, with each run of consecutive `didChange` notifications of one document
 * made one notification: the content changes of the run in order, the version of its last one
 * (LSP: the version a document has after all the changes of a notification). Linear in the
 * changes.
 */
export function coalesceEdits(messages: readonly Message[]): Message[] {
  const out: Message[] = [];
  /** The changes of the run that ends `out`, when it holds more than one notification. */
  let run: unknown[] | undefined;
  for (const m of messages) {
    const last = out[out.length - 1];
    if (last !== undefined && isDidChange(m) && isDidChange(last) && last.params.textDocument.uri === m.params.textDocument.uri) {
      run ??= [...last.params.contentChanges];
      for (const change of m.params.contentChanges) run.push(change);
      out[out.length - 1] = { jsonrpc: m.jsonrpc, method: DID_CHANGE, params: { ...m.params, contentChanges: run } } as Message;
    } else {
      out.push(m);
      run = undefined;
    }
  }
  return out;
}

/**
 * Reads LSP's base protocol (`Content-Length` headers, UTF-8 JSON bodies) from a stream and
 * hands over every message a chunk completes at once, coalesced, in the turn the chunk arrived.
 * A header without a length, or a body that is not JSON, is reported (`onError`) and skipped;
 * reading goes on with the next header.
 */
export class StreamReader extends AbstractMessageReader {
  /** Bytes not consumed yet, in the chunks they came in (joined once a header or body is complete). */
  private pending: Buffer[] = [];
  private size = 0;
  /** The length of the body being read, or -1 while reading headers. */
  private bodyLength = -1;

  constructor(private readonly stream: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer | string) => {
      for (const m of coalesceEdits(this.read(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk))) callback(m);
    };
    const onError = (e: unknown) => this.fireError(e);
    const onClose = () => this.fireClose();
    this.stream.on('data', onData);
    this.stream.on('error', onError);
    this.stream.on('end', onClose);
    this.stream.on('close', onClose);
    return Disposable.create(() => {
      this.stream.off('data', onData);
      this.stream.off('error', onError);
      this.stream.off('end', onClose);
      this.stream.off('close', onClose);
    });
  }

  /** The messages that `chunk` completes. */
  read(chunk: Buffer): Message[] {
    this.pending.push(chunk);
    this.size += chunk.length;
    const messages: Message[] = [];
    // A large body comes in many chunks: they are joined once, when it is complete.
    if (this.bodyLength >= 0 && this.size < this.bodyLength) return messages;
    const data = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.size);
    let at = 0;
    for (;;) {
      if (this.bodyLength < 0) {
        const end = data.indexOf(HEADER_END, at);
        if (end < 0) break;
        const length = contentLength(data.toString('ascii', at, end));
        at = end + HEADER_END.length;
        if (length === undefined) {
          this.fireError(new Error('Header must provide a Content-Length property.'));
          continue;
        }
        this.bodyLength = length;
      }
      if (data.length - at < this.bodyLength) break;
      const body = data.toString('utf8', at, at + this.bodyLength);
      at += this.bodyLength;
      this.bodyLength = -1;
      try {
        messages.push(JSON.parse(body) as Message);
      } catch (e) {
        this.fireError(e);
      }
    }
    const rest = data.subarray(at);
    this.pending = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
    return messages;
  }
}

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

/**
 * The `Content-Length` of a header block, if it has one. A line is read from its end, so that
 * after a message whose length was wrong the next header is found behind the leftover bytes.
 */
function contentLength(headers: string): number | undefined {
  for (const line of headers.split('\r\n')) {
    const m = /content-length[ \t]*:[ \t]*(\d+)[ \t]*$/i.exec(line);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/**
 * A reader over another one that delivers messages one at a time (Node's IPC channel): messages
 * are held until the next turn of the event loop and handed over together, coalesced — one turn
 * per batch, not per message.
 */
export class BatchingReader implements MessageReader {
  private pending: Message[] = [];
  private scheduled = false;

  constructor(private readonly inner: MessageReader) {}

  get onError() {
    return this.inner.onError;
  }
  get onClose() {
    return this.inner.onClose;
  }
  get onPartialMessage() {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      this.pending.push(message);
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        const batch = this.pending;
        this.pending = [];
        for (const m of coalesceEdits(batch)) callback(m);
      });
    });
  }

  dispose(): void {
    this.inner.dispose();
  }
}

/**
 * Writes LSP's base protocol to a stream, each message — header and body — in one write: one
 * system call and one wake-up of the client per message, where `vscode-jsonrpc`'s writer makes
 * two (the header, then the body).
 */
export class StreamWriter extends AbstractMessageWriter implements MessageWriter {
  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (e: unknown) => this.fireError(e));
    stream.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    const body = JSON.stringify(message);
    const length = Buffer.byteLength(body, 'utf8');
    const header = `Content-Length: ${length}\r\n\r\n`;
    const frame = Buffer.allocUnsafe(header.length + length);
    frame.write(header, 0, 'ascii');
    frame.write(body, header.length, 'utf8');
    return new Promise((resolve, reject) => {
      this.stream.write(frame, (e?: Error | null) => {
        if (!e) return resolve();
        this.fireError(e, message);
        reject(e);
      });
    });
  }

  end(): void {
    this.stream.end();
  }
}

export interface Transport {
  readonly reader: MessageReader;
  readonly writer: MessageWriter;
  /** The client's stream ended (stdio, socket, pipe): the server has nobody left to serve. */
  readonly onEnd?: (listener: () => void) => void;
}

/**
 * The transport the command line asks for, as `vscode-languageserver` reads it (`--stdio`,
 * `--node-ipc`, `--socket=<port>` or `--socket <port>`, `--pipe=<name>` or `--pipe <name>`);
 * undefined when none is given.
 */
export function transportFromArgs(argv: readonly string[]): Transport | undefined {
  for (let i = 0; i < argv.length; i++) {
    const [flag, value = argv[i + 1]] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--stdio') {
      // Standard output carries the protocol: what the code logs through `console` goes to standard error.
      globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
      return streams(process.stdin, process.stdout);
    }
    if (flag === '--node-ipc') return { reader: new BatchingReader(new IPCMessageReader(process)), writer: new IPCMessageWriter(process) };
    if (flag === '--socket' && value !== undefined && /^\d+$/.test(value)) return sockets(net.createConnection(Number(value), '127.0.0.1'));
    if (flag === '--pipe' && value !== undefined) return sockets(net.createConnection(value));
  }
  return undefined;
}

function streams(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Transport {
  return {
    reader: new StreamReader(input),
    writer: new StreamWriter(output),
    onEnd: (listener) => {
      input.on('end', listener);
      input.on('close', listener);
    },
  };
}

function sockets(socket: net.Socket): Transport {
  return streams(socket, socket);
}
