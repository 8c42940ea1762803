#!/usr/bin/env node
// npm run demo: NapCat Config in a real VS Code (code-server on 127.0.0.1) on a copy of examples/,
// with small local endpoints on the ports the examples use, so that some connection tests pass and
// others fail for the reasons the sidebar explains. Ctrl+C stops everything this script started.
//
// Runs after `npm run build && tsc -b` (the npm script does both): it uses the e2e driver and the
// probe tests' servers from out/.
//
// Environment: NAPCAT_DEMO_PORT (code-server's port; default: a free one).
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const OUT = path.join(ROOT, 'out', 'test');
if (!fs.existsSync(path.join(OUT, 'e2e', 'driver.js'))) {
  console.error('out/ is missing: run `npm run demo` (it builds first), or `npm run build && npx tsc -b`.');
  process.exit(1);
}
const { CodeServer } = require(path.join(OUT, 'e2e', 'driver.js'));
const servers = require(path.join(OUT, 'probe', 'servers.js'));

const say = (line = '') => process.stdout.write(`${line}\n`);

/**
 * The endpoints of a NapCat setup, on the ports the examples use. Each is one of the probe tests'
 * servers (on a free port) behind a relay on the fixed port; NoneBot's port routes WebSocket
 * upgrades to its reverse-WS endpoint and other requests to its HTTP event endpoint.
 */
const ENDPOINTS = [
  { port: 8080, what: 'NoneBot (reverse WS /onebot/v11/ws, HTTP events /onebot/v11/http)', start: async () => ({ ws: await servers.frameworkServer({ path: '/onebot/v11/ws', wrongPathStatus: 403 }), http: await servers.eventReceiver('/onebot/v11/http') }) },
  { port: 5140, what: 'Koishi (reverse WS /onebot)', start: async () => ({ ws: await servers.frameworkServer({ path: '/onebot' }) }) },
  { port: 3000, what: "NapCat's HTTP server", start: async () => ({ http: await servers.napcatHttpServer({ uin: '10009' }) }) },
  { port: 3001, what: "NapCat's WebSocket server", start: async () => ({ ws: await servers.napcatWsServer({ uin: '10009' }) }) },
  { port: 6099, what: "NapCat's WebUI (a web page, not an OneBot endpoint)", start: async () => ({ http: await servers.webPage() }) },
];
/** Ports the examples name that stay closed, so their tests fail with "refused". */
const CLOSED = [5700, 6199, 8081, 8090, 8095];

const started = [];
let codeServer;
let workspace;
let stopping = false;

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  say('\nStopping…');
  await codeServer?.stop().catch(() => undefined);
  for (const s of started.reverse()) await s.close().catch(() => undefined);
  if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  say('Stopped everything the demo started.');
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

/** A TCP relay on 127.0.0.1:`port` to `pick(firstBytes)`'s port. */
async function relay(port, pick) {
  const sockets = new Set();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    client.once('data', (head) => {
      client.pause();
      const upstream = net.connect(pick(head), '127.0.0.1', () => {
        upstream.write(head);
        client.pipe(upstream).pipe(client);
        client.resume();
      });
      sockets.add(upstream);
      upstream.on('close', () => (sockets.delete(upstream), client.destroy()));
      upstream.on('error', () => client.destroy());
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function main() {
  say('NapCat Config demo');
  say('==================');
  say('1/4  code-server 4.100.3 (installed once into .cache/)…');
  const setup = spawnSync(process.execPath, [path.join(ROOT, 'test', 'e2e', 'setup.mjs'), '--no-browser'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (setup.status !== 0) process.exit(1);

  say('2/4  local endpoints:');
  for (const e of ENDPOINTS) {
    const backends = await e.start();
    started.push(...Object.values(backends));
    const isUpgrade = (head) => /^upgrade:\s*websocket/im.test(head.toString('latin1'));
    try {
      started.push(await relay(e.port, (head) => (backends.ws && (isUpgrade(head) || !backends.http) ? backends.ws : backends.http).port));
      say(`       127.0.0.1:${String(e.port).padEnd(5)} ${e.what}`);
    } catch (err) {
      say(`       127.0.0.1:${String(e.port).padEnd(5)} busy (${err.code ?? err.message}): left to whatever listens there`);
    }
  }
  say(`       closed on purpose: ${CLOSED.join(', ')} (their tests say "refused")`);

  say('3/4  the examples, copied to a scratch workspace (fix them freely):');
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-demo-'));
  fs.cpSync(path.join(ROOT, 'examples'), path.join(workspace, 'examples'), { recursive: true });
  say(`       ${path.join(workspace, 'examples')}`);
  // Not spawnSync: the endpoints live in this process and must keep answering meanwhile.
  const ping = await new Promise((resolve) =>
    execFile(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'ping', path.join(workspace, 'examples')], (_err, stdout) => resolve(stdout ?? '')),
  );
  const summary = ping.trim().split('\n').pop();
  if (summary) say(`       napcat-config ping: ${summary}`);

  say('4/4  building the extension and starting code-server…');
  const port = Number(process.env.NAPCAT_DEMO_PORT ?? 0);
  codeServer = await CodeServer.start({
    workspace: path.join(workspace, 'examples'),
    port,
    browser: false,
    settings: { 'workbench.startupEditor': 'none', 'editor.minimap.enabled': true },
  });
  codeServer.onExit(() => void stopAll(1));
  say('');
  say(`Open ${codeServer.url}/  in your browser.`);
  say('  - open any onebot11_*.json: Problems (Ctrl+Shift+M), hovers, Ctrl+. quick fixes');
  say('  - the NapCat icon in the activity bar: every adapter; "Test Connection" (or the code lens in the editor)');
  say('  - logs/napcat_2026-11-20.log: a NapCat log; its connection errors are explained in Problems, its URLs are links');
  say('Ctrl+C stops the demo.');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  void stopAll(1);
});
