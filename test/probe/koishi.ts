import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import * as readline from 'node:readline';
import WebSocket from 'ws';
import { napcatClientHeaders } from '../../server/src/probe';

/** Koishi's `Universal.Status` values the tests look for. */
export const KOISHI_STATUS = { offline: 0, online: 1 } as const;

export interface KoishiLine {
  readonly ready?: boolean;
  readonly status?: number;
  readonly selfId?: string;
  readonly reply?: string;
  readonly ok?: boolean;
  readonly data?: unknown;
  readonly error?: string;
}

/** A real Koishi with its OneBot adapter (`koishiMain.ts`) in a child process on 127.0.0.1. */
export interface Koishi {
  readonly port: number;
  /** `ws://127.0.0.1:<port><path>`. */
  readonly url: (path: string) => string;
  /** Every state line Koishi reported so far, in order. */
  readonly lines: KoishiLine[];
  /** Resolves with the first line (already seen or to come) after `from` that `match` accepts. */
  readonly waitFor: (match: (line: KoishiLine) => boolean, from?: number) => Promise<KoishiLine>;
  /** Sends a command (`status`, `call`) and resolves with its reply. */
  readonly ask: (command: 'status' | 'call') => Promise<KoishiLine>;
  readonly stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts Koishi for `selfId`, serving OneBot's reverse WebSocket at `path` (Koishi's default: /onebot). */
export async function startKoishi(selfId: string, onebotPath = '/onebot'): Promise<Koishi> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'koishiMain.js'), String(port), selfId, onebotPath], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
  });
  const lines: KoishiLine[] = [];
  const waiters: { match: (l: KoishiLine) => boolean; from: number; resolve: (l: KoishiLine) => void }[] = [];
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  readline.createInterface({ input: child.stdout! }).on('line', (text) => {
    if (!text.startsWith('@@ ')) {
      log += text + '\n';
      return;
    }
    lines.push(JSON.parse(text.slice(3)) as KoishiLine);
    for (const w of waiters.splice(0)) {
      const found = lines.slice(w.from).find(w.match);
      if (found) w.resolve(found);
      else waiters.push(w);
    }
  });
  const waitFor = (match: (l: KoishiLine) => boolean, from = 0) =>
    new Promise<KoishiLine>((resolve, reject) => {
      const found = lines.slice(from).find(match);
      if (found) return resolve(found);
      waiters.push({ match, from, resolve });
      void exited.then(() => reject(new Error(`Koishi exited; its log:\n${log}`)));
    });
  const koishi: Koishi = {
    port,
    url: (p) => `ws://127.0.0.1:${port}${p}`,
    lines,
    waitFor,
    ask: (command) => {
      const from = lines.length;
      child.stdin!.write(`${command}\n`);
      return waitFor((l) => l.reply === command, from);
    },
    stop: async () => {
      child.kill();
      await exited;
    },
  };
  const ready = await waitFor((l) => l.ready === true || l.error !== undefined);
  if (!ready.ready) throw new Error(`Koishi did not start: ${ready.error}\n${log}`);
  return koishi;
}

/**
 * NapCat's live reverse WebSocket to a framework: NapCat's headers with the account and token,
 * the lifecycle "connect" event, and answers to the actions the framework calls
 * (`get_login_info` with the account; an empty success for the others). Resolves once open.
 */
export async function napcatLive(url: string, uin: string, token: string): Promise<{ ws: WebSocket; actions: string[] }> {
  const ws = new WebSocket(url, { headers: napcatClientHeaders(uin, token) });
  const actions: string[] = [];
  ws.on('message', (data) => {
    const request = JSON.parse(data.toString()) as { action: string; echo: unknown };
    actions.push(request.action);
    const reply = request.action === 'get_login_info' ? { user_id: Number(uin), nickname: 'NapCat' } : {};
    ws.send(JSON.stringify({ status: 'ok', retcode: 0, data: reply, echo: request.echo }));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const now = Math.floor(Date.now() / 1000);
  ws.send(JSON.stringify({ time: now, self_id: Number(uin), post_type: 'meta_event', meta_event_type: 'lifecycle', sub_type: 'connect' }));
  return { ws, actions };
}
