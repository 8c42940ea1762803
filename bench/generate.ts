import { ADAPTER_KINDS, KINDS, type AdapterKind } from '../server/src/core';

/**
 * Benchmark inputs: realistic N4 configs (every field written, unique names, distinct ports and
 * URLs, tokens set), formatted the way NapCat saves them (`JSON.stringify(config, null, 2)`).
 */
export function n4Config(perKind: number): string {
  const network: Record<string, unknown[]> = {};
  let port = 10000;
  for (const kind of ADAPTER_KINDS) {
    const list: unknown[] = [];
    for (let i = 0; i < perKind; i++) list.push(adapter(kind, i, port++));
    network[kind] = list;
  }
  const config = {
    network,
    musicSignUrl: '',
    enableLocalFile2Url: false,
    parseMultMsg: false,
    imageDownloadProxy: '',
    timeout: { baseTimeout: 10000, uploadSpeedKBps: 256, downloadSpeedKBps: 256, maxTimeout: 1800000 },
  };
  return JSON.stringify(config, null, 2);
}

function adapter(kind: AdapterKind, i: number, port: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(KINDS[kind].fields)) {
    if (spec.default !== undefined) out[key] = spec.default;
  }
  out.name = `${KINDS[kind].defaultName}-${i}`;
  out.enable = i % 4 !== 3;
  if ('token' in out) out.token = `bench-token-${kind}-${i}`;
  if ('port' in out) out.port = port;
  if (kind === 'websocketClients') out.url = `ws://127.0.0.1:${20000 + (i % 40000)}/onebot/v11/ws/${i}`;
  if (kind === 'httpClients') out.url = `http://127.0.0.1:${20000 + (i % 40000)}/onebot/v11/http/${i}`;
  return out;
}

export type Dialect = 'json' | 'json5';

/**
 * The same config written the way people write JSON5: a comment, unquoted keys, single-quoted
 * strings, trailing commas. It reads to the same value (NapCat reads both since v4.4.7).
 */
export function toJson5(json: string): string {
  const body = json
    .replace(/"([A-Za-z_$][A-Za-z0-9_$]*)":/g, '$1:')
    .replace(/: "([^"\\']*)"/g, ": '$1'")
    .replace(/([^,{[\s])(\n\s*[}\]])/g, '$1,$2');
  return `// NapCat OneBot 11 config\n${body}\n`;
}

/** A config of about `bytes` characters (or the smallest one when `bytes` is smaller), as JSON or JSON5. */
export function configOfSize(bytes: number, dialect: Dialect = 'json'): string {
  const write = (perKind: number) => (dialect === 'json' ? n4Config(perKind) : toJson5(n4Config(perKind)));
  for (let perKind = 1; ; perKind++) {
    const text = write(perKind);
    if (text.length >= bytes) return text;
  }
}

/** A legacy (L1) config with `n` reverse WebSocket URLs (and one HTTP POST URL): what `rebuild` turns into `n` named entries. */
export function legacyUrlsConfig(n: number): string {
  const urls: string[] = [];
  for (let i = 0; i < n; i++) urls.push(`    "ws://bot${i}.example:${1000 + (i % 5000)}/onebot"`);
  return `{\n  "reverseWs": {\n    "enable": true,\n    "urls": [\n${urls.join(',\n')}\n    ]\n  },\n  "http": { "enable": true, "postUrls": ["http://127.0.0.1:5700/"] },\n  "token": "t"\n}\n`;
}

/**
 * The smallest realistic config: one adapter (a reverse WebSocket client) — the median real
 * config is under 1 KiB.
 */
export function smallConfig(dialect: Dialect = 'json'): string {
  const json = JSON.stringify(
    {
      network: {
        websocketClients: [0, 1].map((i) => adapter('websocketClients', i, 3000 + i)),
        httpServers: [],
        httpSseServers: [],
        httpClients: [],
        websocketServers: [],
        plugins: [],
      },
      musicSignUrl: '',
      enableLocalFile2Url: false,
      parseMultMsg: false,
    },
    null,
    2,
  );
  return dialect === 'json' ? json : toJson5(json);
}
