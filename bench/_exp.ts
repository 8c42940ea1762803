import { BenchDocument, napcatServer, percentiles, Session } from './lsp';
import { configOfSize, smallConfig } from './generate';
async function main() {
  const flags = (process.env.FLAGS ?? '').split(' ').filter(Boolean);
  const kib = Number(process.env.KIB ?? 100);
  const dialect = (process.env.DIALECT ?? 'json') as 'json' | 'json5';
  const spec0 = napcatServer(process.env.SERVER ?? 'dist/server.js'); const spec = { ...spec0, args: spec0.args.filter((a) => a !== '--max-semi-space-size=1') };
  const session = await Session.start({ ...spec, args: [...flags, ...spec.args] });
  const doc = new BenchDocument(`file:///bench/x/onebot11_1.json`, kib === 1 ? smallConfig(dialect) : configOfSize(kib * 1024, dialect));
  await session.open(doc);
  for (let i = 0; i < 20; i++) await session.edit(doc);
  const s: number[] = [];
  for (let i = 0; i < 200; i++) { if (process.env.CGC) (globalThis as any).gc(); s.push(await session.edit(doc)); }
  const p = percentiles(s);
  console.log(flags.join(' ') || '(none)', kib, dialect, 'p50', p.p50.toFixed(2), 'p95', p.p95.toFixed(2), 'max', p.max.toFixed(1), 'rss', ((session.rss().now ?? 0) / 1048576).toFixed(1));
  await session.stop();
}
main();
