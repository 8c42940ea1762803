import * as readline from 'node:readline';
import { Context, type Universal } from 'koishi';

/**
 * A real Koishi 4.18 with its OneBot adapter as a reverse WebSocket server, run as a child
 * process by `koishi.ts`: `node koishiMain.js <port> <selfId> <path>`. Koishi's own state goes to
 * standard output as lines starting with `@@ ` and a JSON object, so Koishi's log lines can run
 * in between:
 *   {"ready":true}                                   the server listens and the bot exists
 *   {"status":<Universal.Status>,"selfId":"…"}       Koishi's `login-updated` event
 *   {"reply":"status","status":<Universal.Status>}   answer to the `status` command
 *   {"reply":"call","ok":true,"data":{…}}            answer to `call`: get_login_info through
 *                                                    the bot's current socket (or the error)
 * Commands come one per line on standard input.
 */

const [port, selfId, path] = process.argv.slice(2);
const say = (o: object) => process.stdout.write(`@@ ${JSON.stringify(o)}\n`);

/** A Koishi plugin package as Koishi's loader takes it (its default export, or the module). */
function plugin(name: string): never {
  const mod = require(name) as { default?: unknown };
  return (mod.default ?? mod) as never;
}

async function main(): Promise<void> {
  const app = new Context();
  app.plugin(plugin('@koishijs/plugin-http'), {});
  app.plugin(plugin('@koishijs/plugin-server'), { host: '127.0.0.1', port: Number(port) });
  app.plugin(plugin('koishi-plugin-adapter-onebot'), { selfId, protocol: 'ws-reverse', path });
  app.on('login-updated', (session) => say({ status: session.bot.status, selfId: session.bot.selfId }));
  await app.start();
  // The bot is created once its `server` dependency is ready, a moment after start(); a plugin
  // that refused its config never creates it.
  for (let waited = 0; app.bots.length === 0; waited += 10) {
    if (waited > 20_000) throw new Error('Koishi created no bot (see its log above)');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const bot = app.bots[0] as unknown as { status: Universal.Status; internal: { getLoginInfo(): Promise<unknown> } };
  say({ ready: true });
  const commands = readline.createInterface({ input: process.stdin });
  // The parent is gone: so is this Koishi.
  commands.on('close', () => process.exit(0));
  commands.on('line', (line) => {
    if (line === 'status') say({ reply: 'status', status: bot.status });
    else if (line === 'call') {
      bot.internal.getLoginInfo().then(
        (data) => say({ reply: 'call', ok: true, data }),
        (e: unknown) => say({ reply: 'call', ok: false, error: String(e) }),
      );
    }
  });
}

// The test runner loads every file under test/, this one too, without arguments: then there is
// nothing to start.
if (port && selfId && path) {
  main().catch((e: unknown) => {
    say({ error: String(e) });
    process.exit(1);
  });
}
