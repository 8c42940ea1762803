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

const f = (type: FieldType, def: FieldSpec['default'], en: string, zh: string, since?: string): FieldSpec => ({
  type,
  default: def,
  since,
  doc: { en, 'zh-cn': zh },
});

const common = {
  enable: f('boolean', false, 'Whether NapCat starts this adapter.', '是否启动此适配器。'),
  messagePostFormat: f(
    'string',
    'array',
    "Message format in events: 'array' (message segments) or 'string' (CQ codes).",
    "事件中的消息格式：'array'（消息段数组）或 'string'（CQ 码字符串）。",
  ),
  reportSelfMessage: f('boolean', false, 'Also report messages sent by this account.', '是否上报本账号自己发送的消息。'),
  token: f('string', '', 'Access token; empty means no authentication.', '鉴权令牌（access token）；为空表示不鉴权。'),
  debug: f('boolean', false, 'Attach the raw message to every event (debug).', '调试模式：在事件中附带原始消息。'),
};
const serverFields = {
  host: f(
    'string',
    '127.0.0.1',
    "Address to listen on; '0.0.0.0' listens on every interface. Default '127.0.0.1' since v4.8.106 (before: '0.0.0.0').",
    "监听地址；'0.0.0.0' 表示监听所有网卡。自 v4.8.106 起默认 '127.0.0.1'（之前为 '0.0.0.0'）。",
  ),
};
const heartInterval = f('integer', 30000, 'Heartbeat interval in milliseconds.', '心跳间隔（毫秒）。');

function httpServerFields(port: number) {
  return {
    name: f('string', undefined, 'Unique name of the adapter; it is its identity in NapCat.', '适配器的唯一名称，也是它在 NapCat 中的身份标识。'),
    enable: common.enable,
    port: f('integer', port, 'Port to listen on.', '监听端口。'),
    host: serverFields.host,
    enableCors: f('boolean', true, 'Send CORS headers.', '是否发送 CORS 跨域响应头。'),
    enableWebsocket: f(
      'boolean',
      false,
      'Also accept WebSocket connections on this port (default false since v4.10.30).',
      '是否同时在此端口接受 WebSocket 连接（自 v4.10.30 起默认 false）。',
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
    label: { en: 'HTTP server', 'zh-cn': 'HTTP 服务端' },
    fields: httpServerFields(3000),
  },
  httpSseServers: {
    kind: 'httpSseServers',
    role: 'server',
    defaultName: 'http-sse-server',
    since: '4.3.5',
    label: { en: 'HTTP SSE server', 'zh-cn': 'HTTP SSE 服务端' },
    fields: { ...httpServerFields(3000), reportSelfMessage: common.reportSelfMessage },
  },
  httpClients: {
    kind: 'httpClients',
    role: 'client',
    defaultName: 'http-client',
    schemes: ['http:', 'https:'],
    label: { en: 'HTTP client (event POST)', 'zh-cn': 'HTTP 客户端（事件上报）' },
    fields: {
      name: f('string', undefined, 'Unique name of the adapter; it is its identity in NapCat.', '适配器的唯一名称，也是它在 NapCat 中的身份标识。'),
      enable: common.enable,
      url: f('string', 'http://localhost:8080', 'URL that NapCat POSTs every event to.', 'NapCat 上报事件（POST）的地址。'),
      messagePostFormat: common.messagePostFormat,
      reportSelfMessage: common.reportSelfMessage,
      token: f(
        'string',
        '',
        'Signing secret: NapCat sends x-signature: sha1=HMAC-SHA1(token, body).',
        '签名密钥：NapCat 发送 x-signature: sha1=HMAC-SHA1(token, body)。',
      ),
      debug: common.debug,
    },
  },
  websocketServers: {
    kind: 'websocketServers',
    role: 'server',
    defaultName: 'websocket-server',
    label: { en: 'WebSocket server', 'zh-cn': 'WebSocket 服务端（正向 WS）' },
    fields: {
      name: f('string', undefined, 'Unique name of the adapter; it is its identity in NapCat.', '适配器的唯一名称，也是它在 NapCat 中的身份标识。'),
      enable: common.enable,
      host: serverFields.host,
      port: f('integer', 3001, 'Port to listen on.', '监听端口。'),
      messagePostFormat: common.messagePostFormat,
      reportSelfMessage: common.reportSelfMessage,
      token: common.token,
      enableForcePushEvent: f('boolean', true, 'Push events to every connection, including /api ones.', '是否向所有连接强制推送事件。'),
      debug: common.debug,
      heartInterval,
    },
  },
  websocketClients: {
    kind: 'websocketClients',
    role: 'client',
    defaultName: 'websocket-client',
    schemes: ['ws:', 'wss:'],
    label: { en: 'WebSocket client (reverse WS)', 'zh-cn': 'WebSocket 客户端（反向 WS）' },
    fields: {
      name: f('string', undefined, 'Unique name of the adapter; it is its identity in NapCat.', '适配器的唯一名称，也是它在 NapCat 中的身份标识。'),
      enable: common.enable,
      url: f('string', 'ws://localhost:8082', 'WebSocket URL of the bot framework that NapCat connects to.', 'NapCat 主动连接的机器人框架 WebSocket 地址。'),
      messagePostFormat: common.messagePostFormat,
      reportSelfMessage: common.reportSelfMessage,
      reconnectInterval: f('integer', 5000, 'Milliseconds between reconnection attempts.', '断线重连间隔（毫秒）。'),
      token: common.token,
      debug: common.debug,
      heartInterval,
      verifyCertificate: f(
        'boolean',
        undefined,
        'For wss:// URLs: verify the TLS certificate (default true).',
        '对 wss:// 地址：是否校验 TLS 证书（默认 true）。',
        '4.18.2',
      ),
    },
  },
  plugins: {
    kind: 'plugins',
    role: 'plugin',
    defaultName: 'plugin',
    label: { en: 'Plugin', 'zh-cn': '插件' },
    fields: {
      name: f('string', undefined, 'Unique name of the adapter; it is its identity in NapCat.', '适配器的唯一名称，也是它在 NapCat 中的身份标识。'),
      enable: common.enable,
      messagePostFormat: common.messagePostFormat,
      reportSelfMessage: common.reportSelfMessage,
      debug: common.debug,
    },
  },
};

/** Keys at the top of an N4 file. */
export const TOP_LEVEL_FIELDS: Readonly<Record<string, FieldSpec>> = {
  network: f('object', undefined, 'The network adapters, one list per kind.', '网络适配器，每种类型一个列表。', '4.1.0'),
  musicSignUrl: f('string', '', 'Music card signing service URL.', '音乐卡片签名服务地址。'),
  enableLocalFile2Url: f('boolean', false, 'Turn local files into URLs (else base64) in responses.', '是否将本地文件转换为 URL（否则返回 base64）。'),
  parseMultMsg: f('boolean', false, 'Parse forwarded (merged) messages in events.', '是否解析合并转发消息。', '4.1.18'),
  imageDownloadProxy: f('string', '', 'Proxy used to download images.', '下载图片时使用的代理。', '4.13.5'),
  timeout: f('object', undefined, 'File transfer timeouts.', '文件传输超时设置。', '4.17.49'),
};

export const TIMEOUT_FIELDS: Readonly<Record<string, FieldSpec>> = {
  baseTimeout: f('integer', undefined, 'Base timeout of a file transfer in milliseconds.', '文件传输的基础超时（毫秒）。'),
  uploadSpeedKBps: f('number', undefined, 'Assumed upload speed (KB/s) used to extend the timeout.', '用于延长超时的预估上传速度（KB/s）。'),
  downloadSpeedKBps: f('number', undefined, 'Assumed download speed (KB/s) used to extend the timeout.', '用于延长超时的预估下载速度（KB/s）。'),
  maxTimeout: f('integer', undefined, 'Upper bound of a file transfer timeout in milliseconds.', '文件传输超时的上限（毫秒）。'),
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
