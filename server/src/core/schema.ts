import type { Message } from './i18n';

/**
 * What NapCat reads, written from NapCat's own config schema (facts §3) and its history. This is
 * the single source of keys, types, defaults and the version each key appeared in; the model, the
 * value rules and hover all read it.
 */
export type FieldType = 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

export interface FieldSpec {
  readonly type: FieldType;
  /** NapCat's default when the key is missing (undefined: no default, the key is optional). */
  readonly default?: string | number | boolean | readonly unknown[];
  /** First NapCat version that reads the key. */
  readonly since?: string;
  readonly doc: Message;
}

export const ADAPTER_KINDS = [
  'httpServers',
  'httpSseServers',
  'httpClients',
  'websocketServers',
  'websocketClients',
  'plugins',
] as const;
export type AdapterKind = (typeof ADAPTER_KINDS)[number];

/**
 * The order in which NapCat registers enabled adapters into its one `Map<name, adapter>`
 * (facts §5); a later entry with the same name replaces an earlier one. `plugins` entries are
 * not registered at start (NapCat has no loop over them), so they are absent here.
 */
export const REGISTRATION_ORDER: readonly AdapterKind[] = [
  'httpServers',
  'httpSseServers',
  'httpClients',
  'websocketServers',
  'websocketClients',
];

/** Name under which NapCat registers its plugin manager when `<workdir>/plugins` exists. */
export const PLUGIN_MANAGER_NAME = 'plugin_manager';

export type AdapterRole = 'server' | 'client' | 'plugin';

export interface KindSpec {
  readonly kind: AdapterKind;
  readonly role: AdapterRole;
  /** The name NapCat substitutes when an entry has none. */
  readonly defaultName: string;
  /** URL schemes a client accepts (clients only). */
  readonly schemes?: readonly string[];
  readonly since?: string;
  readonly label: Message;
  readonly fields: Readonly<Record<string, FieldSpec>>;
}

const f = (type: FieldType, def: FieldSpec['default'], doc: Message, since?: string): FieldSpec => ({
  type,
  default: def,
  since,
  doc,
});

const common = {
  enable: f('boolean', false, 'Whether NapCat starts this adapter.'),
  messagePostFormat: f(
    'string',
    'array',
    "Message format in events: 'array' (message segments) or 'string' (CQ codes).",
  ),
  reportSelfMessage: f('boolean', false, 'Also report messages sent by this account.'),
  token: f('string', '', 'Access token; empty means no authentication.'),
  debug: f('boolean', false, 'Attach the raw message to every event (debug).'),
};
const serverFields = {
  host: f(
    'string',
    '127.0.0.1',
    "Address to listen on; '0.0.0.0' listens on every interface. Default '127.0.0.1' since v4.8.106 (before: '0.0.0.0').",
  ),
};
const heartInterval = f('integer', 30000, 'Heartbeat interval in milliseconds.');

function httpServerFields(port: number) {
  return {
    name: f('string', undefined, 'Unique name of the adapter; it is its identity in NapCat.'),
    enable: common.enable,
    port: f('integer', port, 'Port to listen on.'),
    host: serverFields.host,
    enableCors: f('boolean', true, 'Send CORS headers.'),
    enableWebsocket: f(
      'boolean',
      false,
      'Also accept WebSocket connections on this port (default false since v4.10.30).',
    ),
    messagePostFormat: common.messagePostFormat,
    token: common.token,
    debug: common.debug,
  };
}

export const KINDS: Readonly<Record<AdapterKind, KindSpec>> = {
  httpServers: {
    kind: 'httpServers',
    role: 'server',
    defaultName: 'http-server',
    label: 'HTTP server',
    fields: httpServerFields(3000),
  },
  httpSseServers: {
    kind: 'httpSseServers',
    role: 'server',
    defaultName: 'http-sse-server',
    since: '4.3.5',
    label: 'HTTP SSE server',
    fields: { ...httpServerFields(3000), reportSelfMessage: common.reportSelfMessage },
  },
  httpClients: {
    kind: 'httpClients',
    role: 'client',
    defaultName: 'http-client',
    schemes: ['http:', 'https:'],
    label: 'HTTP client (event POST)',
    fields: {
      name: f('string', undefined, 'Unique name of the adapter; it is its identity in NapCat.'),
      enable: common.enable,
      url: f('string', 'http://localhost:8080', 'URL that NapCat POSTs every event to.'),
      messagePostFormat: common.messagePostFormat,
      reportSelfMessage: common.reportSelfMessage,
      token: f(
        'string',
        '',
        'Signing secret: NapCat sends x-signature: sha1=HMAC-SHA1(token, body).',
      ),
      debug: common.debug,
    },
  },
  websocketServers: {
    kind: 'websocketServers',
    role: 'server',
    defaultName: 'websocket-server',
    label: 'WebSocket server',
    fields: {
      name: f('string', undefined, 'Unique name of the adapter; it is its identity in NapCat.'),
      enable: common.enable,
      host: serverFields.host,
      port: f('integer', 3001, 'Port to listen on.'),
      messagePostFormat: common.messagePostFormat,
      reportSelfMessage: common.reportSelfMessage,
      token: common.token,
      enableForcePushEvent: f('boolean', true, 'Push events to every connection, including /api ones.'),
      debug: common.debug,
      heartInterval,
    },
  },
  websocketClients: {
    kind: 'websocketClients',
    role: 'client',
    defaultName: 'websocket-client',
    schemes: ['ws:', 'wss:'],
    label: 'WebSocket client (reverse WS)',
    fields: {
      name: f('string', undefined, 'Unique name of the adapter; it is its identity in NapCat.'),
      enable: common.enable,
      url: f('string', 'ws://localhost:8082', 'WebSocket URL of the bot framework that NapCat connects to.'),
      messagePostFormat: common.messagePostFormat,
      reportSelfMessage: common.reportSelfMessage,
      reconnectInterval: f('integer', 5000, 'Milliseconds between reconnection attempts.'),
      token: common.token,
      debug: common.debug,
      heartInterval,
      verifyCertificate: f(
        'boolean',
        undefined,
        'For wss:// URLs: verify the TLS certificate (default true).',
        '4.18.2',
      ),
    },
  },
  plugins: {
    kind: 'plugins',
    role: 'plugin',
    defaultName: 'plugin',
    label: 'Plugin',
    fields: {
      name: f('string', undefined, 'Unique name of the adapter; it is its identity in NapCat.'),
      enable: common.enable,
      messagePostFormat: common.messagePostFormat,
      reportSelfMessage: common.reportSelfMessage,
      debug: common.debug,
    },
  },
};

/** Keys at the top of an N4 file. */
export const TOP_LEVEL_FIELDS: Readonly<Record<string, FieldSpec>> = {
  network: f('object', undefined, 'The network adapters, one list per kind.', '4.1.0'),
  musicSignUrl: f('string', '', 'Music card signing service URL.'),
  enableLocalFile2Url: f('boolean', false, 'Turn local files into URLs (else base64) in responses.'),
  parseMultMsg: f('boolean', false, 'Parse forwarded (merged) messages in events.', '4.1.18'),
  imageDownloadProxy: f('string', '', 'Proxy used to download images.', '4.13.5'),
  timeout: f('object', undefined, 'File transfer timeouts.', '4.17.49'),
};

export const TIMEOUT_FIELDS: Readonly<Record<string, FieldSpec>> = {
  baseTimeout: f('integer', undefined, 'Base timeout of a file transfer in milliseconds.'),
  uploadSpeedKBps: f('number', undefined, 'Assumed upload speed (KB/s) used to extend the timeout.'),
  downloadSpeedKBps: f('number', undefined, 'Assumed download speed (KB/s) used to extend the timeout.'),
  maxTimeout: f('integer', undefined, 'Upper bound of a file transfer timeout in milliseconds.'),
};

/** L1 legacy (v1.3.5–v4.0.3) keys. */
export const L1_KEYS = ['http', 'ws', 'reverseWs'] as const;
/** Top-level keys shared by F0 and L1 (runtime settings of every legacy adapter). */
export const LEGACY_SHARED_KEYS = [
  'token',
  'heartInterval',
  'debug',
  'messagePostFormat',
  'reportSelfMessage',
  'GroupLocalTime',
] as const;
/** F0 flat (v1.0.0–v1.3.3) keys. */
export const F0_KEYS = [
  'enableHttp',
  'httpHost',
  'httpPort',
  'enableWs',
  'wsHost',
  'wsPort',
  'enableWsReverse',
  'wsReverseUrls',
  'enableHttpPost',
  'httpPostUrls',
  'enableHttpHeart',
  'httpSecret',
] as const;
/** Leaked by v1.6.8–v1.8.x at the top level. */
export const LEAKED_KEYS = ['name', 'pathName'] as const;

/**
 * What a top-level key of a config is: a field NapCat reads today (`network`, `musicSignUrl`, …), a
 * key of a legacy format (`f0`: flat v1.0–v1.3.3; `l1`: the `http`/`ws`/`reverseWs` sections;
 * `legacy-shared`: runtime settings both legacy formats shared), a key old releases leaked into the
 * file (`leaked`), or none of these. The one classification the values rule, hover and status use.
 */
export type TopLevelKeyClass = 'field' | 'legacy-shared' | 'f0' | 'l1' | 'leaked' | 'unknown';

const KEY_CLASSES: ReadonlyMap<string, TopLevelKeyClass> = new Map<string, TopLevelKeyClass>([
  ...LEGACY_SHARED_KEYS.map((k) => [k, 'legacy-shared'] as const),
  ...F0_KEYS.map((k) => [k, 'f0'] as const),
  ...L1_KEYS.map((k) => [k, 'l1'] as const),
  ...LEAKED_KEYS.map((k) => [k, 'leaked'] as const),
]);

export function classifyTopLevelKey(key: string): TopLevelKeyClass {
  if (topLevelField(key)) return 'field';
  return KEY_CLASSES.get(key) ?? 'unknown';
}

/** The spec of a top-level field NapCat reads, or undefined (never an inherited property such as `constructor`). */
export function topLevelField(key: string): FieldSpec | undefined {
  return Object.prototype.hasOwnProperty.call(TOP_LEVEL_FIELDS, key) ? TOP_LEVEL_FIELDS[key] : undefined;
}
