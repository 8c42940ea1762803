import { KINDS, localize, type Catalogue, type Lang, type Message, type MessageArgs } from '../core';
import { maskToken, maskUrl, urlSecrets } from './mask';
import type { ProbeResult, ProbeTarget, StatusMeaning, TimeoutPhase, TlsProblem } from './types';

/**
 * Every sentence a probe result can turn into, in English and Simplified Chinese. `describeResult`
 * picks the sentence for a result and its target's role (NapCat dials out, or NapCat listens);
 * `resultLabel` gives the short form for tables and tree items. Tokens appear only masked.
 */
export const PROBE_MESSAGES = {
  // --- ok
  okReverseWs: {
    en: 'The framework accepted the WebSocket connection as NapCat opens it (X-Self-ID {uin}) in {ms} ms; the probe closed it again without sending anything.',
    'zh-cn': '机器人框架接受了按 NapCat 方式发起的 WebSocket 连接（X-Self-ID {uin}），用时 {ms} ms；探测随即关闭连接，没有发送任何数据。',
  },
  okReverseWsNoUin: {
    en: 'The framework accepted the WebSocket connection in {ms} ms (sent without X-Self-ID: the file name has no QQ number); the probe closed it again without sending anything.',
    'zh-cn': '机器人框架接受了 WebSocket 连接，用时 {ms} ms（未发送 X-Self-ID：文件名中没有 QQ 号）；探测随即关闭连接，没有发送任何数据。',
  },
  okUnverified: {
    en: ' The certificate was not verified ("verifyCertificate": false): {problem}.',
    'zh-cn': '未校验证书（"verifyCertificate": false）：{problem}。',
  },
  okNapCat: {
    en: '{app} {version} answers at {address} in {ms} ms{account}.',
    'zh-cn': '{address} 上的 {app} {version} 已应答，用时 {ms} ms{account}。',
  },
  okAccount: { en: ', logged in as {nickname} ({userId})', 'zh-cn': '，当前登录账号 {nickname}（{userId}）' },
  okHttpClient: {
    en: 'An HTTP server answers at {endpoint} (HEAD → {status}, {ms} ms). The probe sends no event; whether the framework accepts NapCat’s events shows when NapCat POSTs one.',
    'zh-cn': '{endpoint} 上有 HTTP 服务应答（HEAD → {status}，用时 {ms} ms）。探测不发送任何事件；框架是否接受 NapCat 上报的事件，要等 NapCat 实际 POST 时才能确认。',
  },
  okHttpClient404: {
    en: ' It answered 404 to this path: check that the framework really serves {path} (some servers answer 404 to HEAD on a POST-only route, so this may still be right).',
    'zh-cn': '它对此路径返回了 404：请确认框架确实提供 {path}（有些服务对只接受 POST 的路由也会对 HEAD 返回 404，因此这也可能没问题）。',
  },
  // --- refused
  refusedClient: {
    en: 'Nothing is listening on {address} (connection refused): the bot framework is not running, or it listens on another port.',
    'zh-cn': '{address} 上没有程序在监听（连接被拒绝）：机器人框架没有运行，或者它监听的是别的端口。',
  },
  refusedServer: {
    en: 'Nothing is listening on {address} (connection refused): NapCat is not running, did not start this server (not enabled in the config it loaded), or could not bind the port (already in use).',
    'zh-cn': '{address} 上没有程序在监听（连接被拒绝）：NapCat 没有运行、没有启动这个服务（它加载的配置中未启用），或者端口被占用而无法绑定。',
  },
  refusedLoopbackClient: {
    en: ' {host} is the machine NapCat runs on. If NapCat runs in Docker, that is the container itself, not your computer or the framework’s container: use the framework’s container name or host.docker.internal instead.',
    'zh-cn': '{host} 指的是 NapCat 所在的机器。如果 NapCat 运行在 Docker 中，它指的是容器自身，而不是你的电脑或框架所在的容器：请改用框架的容器名或 host.docker.internal。',
  },
  refusedLoopbackServer: {
    en: ' The probe connects from this machine: if NapCat runs in Docker, the port must be published (-p {port}:{port}), and a server inside a container must listen on 0.0.0.0 to be reachable from outside.',
    'zh-cn': '探测是从本机发起的：如果 NapCat 运行在 Docker 中，需要发布端口（-p {port}:{port}），并且容器内的服务必须监听 0.0.0.0 才能从外部访问。',
  },
  // --- dns
  dns: {
    en: 'The host name {host} cannot be resolved ({code}). Check the spelling; a Docker container or service name resolves only inside the same Docker network.',
    'zh-cn': '无法解析主机名 {host}（{code}）。请检查拼写；Docker 容器名或服务名只能在同一个 Docker 网络内解析。',
  },
  unreachable: {
    en: 'There is no route to {address} from here ({code}): the network or host is unreachable.',
    'zh-cn': '从本机无法到达 {address}（{code}）：网络或主机不可达。',
  },
  // --- timeout
  timeoutDns: {
    en: 'Resolving the host of {address} took longer than {timeout} ms.',
    'zh-cn': '解析 {address} 的主机名超过了 {timeout} ms。',
  },
  timeoutConnect: {
    en: 'The TCP connection to {address} got no answer within {timeout} ms: a firewall drops the packets, the address is not reachable from here, or the machine is down.',
    'zh-cn': '在 {timeout} ms 内，到 {address} 的 TCP 连接没有任何回应：防火墙丢弃了数据包、本机无法访问该地址，或者对方机器已关机。',
  },
  timeoutTls: {
    en: 'The TCP connection to {address} opened, but the TLS handshake did not finish within {timeout} ms.',
    'zh-cn': '到 {address} 的 TCP 连接已建立，但 TLS 握手在 {timeout} ms 内没有完成。',
  },
  timeoutHandshake: {
    en: 'The TCP connection to {address} opened, but the WebSocket handshake got no answer within {timeout} ms (NapCat itself gives up after 2000 ms with "Opening handshake has timed out"). The program on that port accepts connections but does not answer HTTP: a wrong port, or a proxy or WSL/Docker port forward that leads nowhere.',
    'zh-cn': '到 {address} 的 TCP 连接已建立，但 WebSocket 握手在 {timeout} ms 内没有回应（NapCat 自己在 2000 ms 后放弃，并记录 "Opening handshake has timed out"）。该端口上的程序接受连接却不响应 HTTP：端口填错了，或者代理、WSL/Docker 端口转发没有通到目标。',
  },
  timeoutResponseHttp: {
    en: 'The TCP connection to {address} opened, but no HTTP answer came within {timeout} ms: the program on that port is not an HTTP server, or it hangs.',
    'zh-cn': '到 {address} 的 TCP 连接已建立，但在 {timeout} ms 内没有收到 HTTP 响应：该端口上的程序不是 HTTP 服务，或者它卡住了。',
  },
  timeoutResponseWs: {
    en: 'The WebSocket connection to {address} opened, but get_version_info got no answer within {timeout} ms: the server on this port is not NapCat’s OneBot WebSocket server.',
    'zh-cn': '到 {address} 的 WebSocket 连接已建立，但 get_version_info 在 {timeout} ms 内没有应答：该端口上的服务不是 NapCat 的 OneBot WebSocket 服务端。',
  },
  // --- tls
  tlsSelfSigned: {
    en: 'The TLS certificate of {address} is self-signed ({code}), so NapCat refuses it.',
    'zh-cn': '{address} 的 TLS 证书是自签名的（{code}），因此 NapCat 会拒绝它。',
  },
  tlsExpired: {
    en: 'The TLS certificate of {address} has expired ({code}), so NapCat refuses it. Renew the certificate.',
    'zh-cn': '{address} 的 TLS 证书已过期（{code}），因此 NapCat 会拒绝它。请更新证书。',
  },
  tlsNotYetValid: {
    en: 'The TLS certificate of {address} is not valid yet ({code}): check the clock of both machines.',
    'zh-cn': '{address} 的 TLS 证书尚未生效（{code}）：请检查两台机器的系统时间。',
  },
  tlsHostname: {
    en: 'The TLS certificate of {address} is not issued for this host name ({detail}), so NapCat refuses it. Use the name the certificate is issued for.',
    'zh-cn': '{address} 的 TLS 证书不是为这个主机名签发的（{detail}），因此 NapCat 会拒绝它。请使用证书对应的主机名。',
  },
  tlsUntrusted: {
    en: 'The TLS certificate of {address} is signed by an authority this machine does not trust ({code}), so NapCat refuses it.',
    'zh-cn': '{address} 的 TLS 证书由本机不信任的机构签发（{code}），因此 NapCat 会拒绝它。',
  },
  tlsVerifyHint: {
    en: ' Use a certificate from a trusted authority, or set "verifyCertificate": false for this client (NapCat v4.18.2+; the connection is then no longer protected against interception).',
    'zh-cn': '请使用受信任机构签发的证书，或为此客户端设置 "verifyCertificate": false（NapCat v4.18.2 起支持；这样连接将不再能防止中间人窃听）。',
  },
  tlsNotTls: {
    en: 'The server at {address} does not speak TLS ({code}): write {plain} instead of {secure}.',
    'zh-cn': '{address} 上的服务不支持 TLS（{code}）：请把 {secure} 改为 {plain}。',
  },
  tlsOther: {
    en: 'The TLS handshake with {address} failed: {detail}.',
    'zh-cn': '与 {address} 的 TLS 握手失败：{detail}。',
  },
  // --- rejected (an HTTP status instead of the WebSocket upgrade)
  rejectedToken: {
    en: 'The framework refused the WebSocket connection with HTTP {status}{statusText}: it wants another token. NapCat sends this entry’s token as "Authorization: Bearer …"{tokenNote}; make it equal to the framework’s access token (NoneBot: ONEBOT_ACCESS_TOKEN).',
    'zh-cn': '机器人框架以 HTTP {status}{statusText} 拒绝了 WebSocket 连接：它要求的 token 不同。NapCat 以 "Authorization: Bearer …" 发送此条目的 token{tokenNote}；请把它设为与框架的 access token 相同（NoneBot：ONEBOT_ACCESS_TOKEN）。',
  },
  rejectedForbidden: {
    en: 'The framework refused the WebSocket connection with HTTP 403{statusText}. Frameworks answer 403 for a wrong token{tokenNote}, for a path they do not serve (NoneBot serves /onebot/v11/ws), or when a bot with this QQ number is already connected (NapCat itself may be connected right now).',
    'zh-cn': '机器人框架以 HTTP 403{statusText} 拒绝了 WebSocket 连接。框架在以下情况会返回 403：token 错误{tokenNote}、路径不是它提供的（NoneBot 为 /onebot/v11/ws），或者同一 QQ 号的机器人已经连接（可能 NapCat 此刻正连着）。',
  },
  rejectedPath: {
    en: 'The server answered HTTP {status}{statusText}: nothing is served at {path}. Check the path the framework expects (NoneBot: /onebot/v11/ws, not /onebot/v11; mind a trailing slash).',
    'zh-cn': '服务端返回 HTTP {status}{statusText}：{path} 上没有任何服务。请检查框架要求的路径（NoneBot 为 /onebot/v11/ws，而不是 /onebot/v11；注意末尾的斜杠）。',
  },
  rejectedMethod: {
    en: 'The server answered HTTP {status}{statusText}: {path} exists but is not a WebSocket endpoint (for example a framework’s HTTP route such as /onebot/v11/http, or /onebot/v11 where /onebot/v11/ws is meant).',
    'zh-cn': '服务端返回 HTTP {status}{statusText}：{path} 存在，但不是 WebSocket 端点（例如框架的 HTTP 路由 /onebot/v11/http，或者本应是 /onebot/v11/ws 却写成了 /onebot/v11）。',
  },
  rejectedPage: {
    en: 'The server answered the WebSocket handshake with a plain HTTP page (HTTP {status}; NapCat logs "Unexpected server response: {status}"): this is a web server, not a WebSocket endpoint — for example NapCat’s WebUI on port 6099, or a framework’s HTTP port.',
    'zh-cn': '服务端用普通 HTTP 页面回应了 WebSocket 握手（HTTP {status}；NapCat 会记录 "Unexpected server response: {status}"）：这是网页服务而不是 WebSocket 端点——例如 6099 端口上的 NapCat WebUI，或框架的 HTTP 端口。',
  },
  rejectedPageServer: {
    en: 'Something other than NapCat’s WebSocket server answers at {address}: it answered the handshake with HTTP {status}{statusText} (for example NapCat’s WebUI on port 6099, or an HTTP server). Check the port.',
    'zh-cn': '{address} 上应答的不是 NapCat 的 WebSocket 服务端：它以 HTTP {status}{statusText} 回应了握手（例如 6099 端口上的 NapCat WebUI 或某个 HTTP 服务）。请检查端口。',
  },
  rejectedRedirect: {
    en: 'The server answered with a redirect (HTTP {status}{location}); NapCat does not follow redirects. Write the final address (perhaps wss://) in the config.',
    'zh-cn': '服务端返回了重定向（HTTP {status}{location}）；NapCat 不会跟随重定向。请在配置中写最终地址（可能是 wss://）。',
  },
  rejectedBadRequest: {
    en: 'The server refused the WebSocket handshake as a bad request (HTTP 400{statusText}){uinNote}.',
    'zh-cn': '服务端认为 WebSocket 握手请求有误（HTTP 400{statusText}）{uinNote}。',
  },
  rejectedServerError: {
    en: 'The server failed with HTTP {status}{statusText} while handling the WebSocket handshake: see the framework’s log.',
    'zh-cn': '服务端在处理 WebSocket 握手时出错，返回 HTTP {status}{statusText}：请查看框架的日志。',
  },
  rejectedOther: {
    en: 'The server refused the WebSocket handshake with HTTP {status}{statusText}.',
    'zh-cn': '服务端以 HTTP {status}{statusText} 拒绝了 WebSocket 握手。',
  },
  bodyNote: { en: ' It said: "{body}".', 'zh-cn': '它的回应：“{body}”。' },
  tokenNoteEmpty: { en: ' (this entry has no token)', 'zh-cn': '（此条目没有设置 token）' },
  tokenNoteSet: { en: ' (this entry’s token: {masked})', 'zh-cn': '（此条目的 token：{masked}）' },
  uinHint: {
    en: ' The file name carries no QQ number, so no X-Self-ID was sent, and frameworks such as NoneBot refuse a connection without it (the CLI takes --self-id).',
    'zh-cn': '文件名中没有 QQ 号，因此没有发送 X-Self-ID，而 NoneBot 等框架会拒绝没有它的连接（命令行可用 --self-id 指定）。',
  },
  uinNoteMissing: {
    en: ': frameworks need X-Self-ID, and the file name carries no QQ number (onebot11_<QQ>.json; the CLI takes --self-id)',
    'zh-cn': '：框架需要 X-Self-ID，而文件名中没有 QQ 号（onebot11_<QQ号>.json；命令行可用 --self-id 指定）',
  },
  // --- token rejected by NapCat
  tokenRejectedWs: {
    en: 'NapCat’s WebSocket server at {address} rejected the token (retcode 1403{message}): the NapCat running there uses another token than this file says{tokenNote} — it loaded another config, or the file changed since NapCat started.',
    'zh-cn': '{address} 上 NapCat 的 WebSocket 服务端拒绝了 token（retcode 1403{message}）：那里运行的 NapCat 使用的 token 与此文件不同{tokenNote}——它加载的是另一个配置，或者文件在 NapCat 启动后被修改过。',
  },
  tokenRejectedHttp: {
    en: 'NapCat’s HTTP server at {address} answered 403 "token verify failed": the NapCat running there uses another token than this file says{tokenNote} — it loaded another config, or the file changed since NapCat started.',
    'zh-cn': '{address} 上 NapCat 的 HTTP 服务端返回 403 "token verify failed"：那里运行的 NapCat 使用的 token 与此文件不同{tokenNote}——它加载的是另一个配置，或者文件在 NapCat 启动后被修改过。',
  },
  // --- closed
  closedClient: {
    en: 'The framework accepted the WebSocket connection, then closed it at once (code {code}{reason}). {meaning}NapCat would reconnect every reconnectInterval and be dropped again.',
    'zh-cn': '机器人框架接受了 WebSocket 连接，随即又关闭了它（代码 {code}{reason}）。{meaning}NapCat 会按 reconnectInterval 不断重连，并再次被断开。',
  },
  closedServer: {
    en: 'The WebSocket connection to {address} opened, then the server closed it before answering (code {code}{reason}). {meaning}',
    'zh-cn': '到 {address} 的 WebSocket 连接已建立，但服务端在应答前就关闭了它（代码 {code}{reason}）。{meaning}',
  },
  close1006: { en: 'The connection dropped without a closing handshake. ', 'zh-cn': '连接在没有关闭握手的情况下断开。' },
  close1008: {
    en: 'Code 1008 (policy violation) usually means a wrong token or a missing or duplicate X-Self-ID. ',
    'zh-cn': '代码 1008（违反策略）通常表示 token 错误，或 X-Self-ID 缺失或重复。',
  },
  close1011: { en: 'Code 1011 means the server hit an error: see its log. ', 'zh-cn': '代码 1011 表示服务端出错：请查看它的日志。' },
  // --- others
  unexpectedClient: {
    en: 'Something answers at {address}, but not as a WebSocket server would: {detail}.',
    'zh-cn': '{address} 上有程序应答，但不像 WebSocket 服务端：{detail}。',
  },
  unexpectedServer: {
    en: 'Something answers at {address}, but not as NapCat’s OneBot {kind} would: {detail}. Another program may hold this port.',
    'zh-cn': '{address} 上有程序应答，但不像 NapCat 的 OneBot {kind}：{detail}。可能是别的程序占用了这个端口。',
  },
  errorReset: {
    en: 'The server at {address} closed the connection without answering ({code}). It may expect TLS (wss:// or https://), or it is not an HTTP server.',
    'zh-cn': '{address} 上的服务未作应答就关闭了连接（{code}）。它可能要求 TLS（wss:// 或 https://），或者根本不是 HTTP 服务。',
  },
  errorHeader: {
    en: 'The token or QQ number contains characters an HTTP header cannot carry ({code}); NapCat cannot connect with it either.',
    'zh-cn': 'token 或 QQ 号中含有 HTTP 头无法携带的字符（{code}）；NapCat 同样无法用它连接。',
  },
  errorOther: {
    en: 'The connection to {address} failed: {detail} ({code}).',
    'zh-cn': '连接 {address} 失败：{detail}（{code}）。',
  },
  badUrlUnparsable: {
    en: 'The URL {text} cannot be parsed, so NapCat cannot use it (the config check says why).',
    'zh-cn': 'URL {text} 无法解析，NapCat 无法使用它（配置检查会说明原因）。',
  },
  badUrlScheme: {
    en: 'The URL {text} is not a WebSocket URL: write ws:// or wss://.',
    'zh-cn': 'URL {text} 不是 WebSocket 地址：请写 ws:// 或 wss://。',
  },
  badUrlFragment: {
    en: 'The URL {text} contains a fragment (#…), which the WebSocket library NapCat uses refuses.',
    'zh-cn': 'URL {text} 中含有片段（#…），NapCat 使用的 WebSocket 库会拒绝它。',
  },
  badUrlMissing: {
    en: 'This entry has no usable address ({text}).',
    'zh-cn': '此条目没有可用的地址（{text}）。',
  },
  badUrlPort: {
    en: 'The port of {text} is not one NapCat can use (1–65535).',
    'zh-cn': '{text} 的端口不可用（应为 1–65535）。',
  },
  skippedDisabled: {
    en: 'Not tested: the entry is disabled ("enable": false), so NapCat does not start it.',
    'zh-cn': '未测试：此条目已停用（"enable": false），NapCat 不会启动它。',
  },
  skippedPlugin: {
    en: 'Not tested: plugin adapters have no network endpoint.',
    'zh-cn': '未测试：插件适配器没有网络端点。',
  },
  skippedNotRead: {
    en: 'Not tested: NapCat never reads this entry (reverseWs.connections is not a NapCat shape).',
    'zh-cn': '未测试：NapCat 从不读取此条目（reverseWs.connections 不是 NapCat 的配置格式）。',
  },
  skippedReplaced: {
    en: 'Not tested: a later enabled entry has the same name "{name}" and replaces this one, so NapCat never opens it.',
    'zh-cn': '未测试：后面有一个同名（"{name}"）且已启用的条目替换了它，NapCat 永远不会打开此条目。',
  },
  cancelled: { en: 'Cancelled.', 'zh-cn': '已取消。' },
} satisfies Catalogue<string>;

/** Short forms, for table cells and tree items. */
export const PROBE_LABELS = {
  ok: { en: 'ok', 'zh-cn': '正常' },
  refused: { en: 'refused', 'zh-cn': '连接被拒绝' },
  dns: { en: 'DNS: name not found', 'zh-cn': 'DNS：无法解析' },
  unreachable: { en: 'unreachable', 'zh-cn': '不可达' },
  'timeout-dns': { en: 'timeout (DNS)', 'zh-cn': '超时（DNS）' },
  'timeout-connect': { en: 'timeout (TCP connect)', 'zh-cn': '超时（TCP 连接）' },
  'timeout-tls': { en: 'timeout (TLS)', 'zh-cn': '超时（TLS）' },
  'timeout-handshake': { en: 'timeout (WebSocket handshake)', 'zh-cn': '超时（WebSocket 握手）' },
  'timeout-response': { en: 'timeout (no answer)', 'zh-cn': '超时（无应答）' },
  tls: { en: 'TLS: {problem}', 'zh-cn': 'TLS：{problem}' },
  rejected: { en: 'HTTP {status}', 'zh-cn': 'HTTP {status}' },
  'token-rejected': { en: 'token rejected', 'zh-cn': 'token 被拒绝' },
  closed: { en: 'closed ({code})', 'zh-cn': '被关闭（{code}）' },
  unexpected: { en: 'unexpected answer', 'zh-cn': '应答异常' },
  error: { en: 'error ({code})', 'zh-cn': '错误（{code}）' },
  'bad-url': { en: 'bad URL', 'zh-cn': '地址无效' },
  skipped: { en: 'skipped ({reason})', 'zh-cn': '跳过（{reason}）' },
  cancelled: { en: 'cancelled', 'zh-cn': '已取消' },
  'tls-self-signed': { en: 'self-signed', 'zh-cn': '自签名' },
  'tls-expired': { en: 'expired', 'zh-cn': '已过期' },
  'tls-not-yet-valid': { en: 'not yet valid', 'zh-cn': '尚未生效' },
  'tls-hostname': { en: 'wrong host name', 'zh-cn': '主机名不符' },
  'tls-untrusted': { en: 'untrusted', 'zh-cn': '不受信任' },
  'tls-not-tls': { en: 'not TLS', 'zh-cn': '非 TLS' },
  'tls-other': { en: 'handshake failed', 'zh-cn': '握手失败' },
  'skip-disabled': { en: 'disabled', 'zh-cn': '已停用' },
  'skip-plugin': { en: 'plugin', 'zh-cn': '插件' },
  'skip-not-read': { en: 'not read by NapCat', 'zh-cn': 'NapCat 不读取' },
  'skip-replaced': { en: 'replaced', 'zh-cn': '被替换' },
} satisfies Catalogue<string>;

/** A target's endpoint for display: the URL (masked) of a client, `host:port` of a server. */
export function endpointOf(target: ProbeTarget): string {
  if (target.url !== undefined) return maskUrl(target.url, secretsOf(target));
  if (target.port !== undefined || target.host !== undefined) {
    const host = target.host === '' ? '*' : (target.host ?? '?');
    const port = target.port ?? '?';
    return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
  }
  return '';
}

/** The secrets of a target that must never be printed: its token and any written in its URL. */
export function secretsOf(target: ProbeTarget): string[] {
  const out = target.token === '' ? [] : [target.token];
  if (target.url !== undefined) out.push(...urlSecrets(target.url));
  return out;
}

/** The short label of a result: "ok", "refused", "timeout (TCP connect)", "HTTP 404", … */
export function resultLabel(result: ProbeResult, lang: Lang): string {
  const L = PROBE_LABELS;
  switch (result.kind) {
    case 'timeout':
      return localize(L[`timeout-${result.phase}`], lang);
    case 'tls':
      return localize(L.tls, lang, { problem: localize(L[`tls-${result.problem}`], lang) });
    case 'rejected':
      return localize(L.rejected, lang, { status: result.status });
    case 'closed':
      return localize(L.closed, lang, { code: result.code });
    case 'error':
      return localize(L.error, lang, { code: result.code });
    case 'skipped':
      return localize(L.skipped, lang, { reason: localize(L[`skip-${result.reason}`], lang) });
    default:
      return localize(L[result.kind], lang);
  }
}

/**
 * A sentence (or two) saying what a result means for this target, in `lang`: what answered, or
 * what failed and what usually causes it. Tokens appear only masked.
 */
export function describeResult(result: ProbeResult, target: ProbeTarget, lang: Lang): string {
  const M = PROBE_MESSAGES;
  const say = (m: Message, args?: MessageArgs) => localize(m, lang, args);
  const server = KINDS[target.kind].role === 'server';
  const isWs = target.kind === 'websocketClients' || target.kind === 'websocketServers';
  const tokenNote = target.token === '' ? say(M.tokenNoteEmpty) : say(M.tokenNoteSet, { masked: maskToken(target.token) });
  const statusText = (s: string) => (s ? ` ${s}` : '');
  const path = pathOf(target);

  switch (result.kind) {
    case 'ok': {
      if (result.napcat) {
        const n = result.napcat;
        const account = n.userId || n.nickname ? say(M.okAccount, { nickname: n.nickname ?? '?', userId: n.userId ?? '?' }) : '';
        return say(M.okNapCat, { app: n.appName ?? 'NapCat', version: n.appVersion ?? '?', address: endpointOf(target), ms: ms(result.latencyMs), account });
      }
      if (result.httpStatus !== undefined) {
        const text = say(M.okHttpClient, { endpoint: endpointOf(target), status: result.httpStatus, ms: ms(result.latencyMs) });
        return result.httpStatus === 404 ? text + say(M.okHttpClient404, { path }) : text;
      }
      const uin = target.uin;
      let text = uin !== undefined ? say(M.okReverseWs, { uin, ms: ms(result.latencyMs) }) : say(M.okReverseWsNoUin, { ms: ms(result.latencyMs) });
      if (result.tls && !result.tls.verified) {
        text += say(M.okUnverified, { problem: localize(PROBE_LABELS[`tls-${result.tls.problem ?? 'other'}`], lang) });
      }
      return text;
    }
    case 'refused': {
      const host = result.address.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
      const port = /:(\d+)$/.exec(result.address)?.[1] ?? '';
      let text = say(server ? M.refusedServer : M.refusedClient, { address: result.address });
      if (result.loopback) text += say(server ? M.refusedLoopbackServer : M.refusedLoopbackClient, { host, port });
      return text;
    }
    case 'dns':
      return say(M.dns, { host: result.host, code: result.code });
    case 'unreachable':
      return say(M.unreachable, { address: result.address, code: result.code });
    case 'timeout': {
      const args = { address: result.address, timeout: result.timeoutMs };
      const byPhase: Record<TimeoutPhase, Message> = {
        dns: M.timeoutDns,
        connect: M.timeoutConnect,
        tls: M.timeoutTls,
        handshake: M.timeoutHandshake,
        response: isWs ? M.timeoutResponseWs : M.timeoutResponseHttp,
      };
      return say(byPhase[result.phase], args);
    }
    case 'tls': {
      const byProblem: Record<TlsProblem, Message> = {
        'self-signed': M.tlsSelfSigned,
        expired: M.tlsExpired,
        'not-yet-valid': M.tlsNotYetValid,
        hostname: M.tlsHostname,
        untrusted: M.tlsUntrusted,
        'not-tls': M.tlsNotTls,
        other: M.tlsOther,
      };
      let text = say(byProblem[result.problem], {
        address: result.address,
        code: result.code,
        detail: result.detail,
        plain: isWs ? 'ws://' : 'http://',
        secure: isWs ? 'wss://' : 'https://',
      });
      if (target.kind === 'websocketClients' && ['self-signed', 'untrusted', 'hostname', 'expired'].includes(result.problem)) text += say(M.tlsVerifyHint);
      return text;
    }
    case 'rejected': {
      const args = { status: result.status, statusText: statusText(result.statusText), path, address: endpointOf(target), tokenNote };
      if (server && result.meaning !== 'redirect') return say(M.rejectedPageServer, args) + bodyNote(result.body, lang);
      const byMeaning: Record<StatusMeaning, Message> = {
        token: M.rejectedToken,
        forbidden: M.rejectedForbidden,
        path: M.rejectedPath,
        'not-websocket': result.status >= 200 && result.status < 300 ? M.rejectedPage : M.rejectedMethod,
        redirect: M.rejectedRedirect,
        'bad-request': M.rejectedBadRequest,
        'server-error': M.rejectedServerError,
        other: M.rejectedOther,
      };
      const uinHint = target.kind === 'websocketClients' && target.uin === undefined && result.meaning === 'forbidden' ? say(M.uinHint) : '';
      return (
        say(byMeaning[result.meaning], {
          ...args,
          location: result.location ? ` → ${result.location}` : '',
          uinNote: target.uin === undefined ? say(M.uinNoteMissing) : '',
        }) +
        uinHint +
        bodyNote(result.body, lang)
      );
    }
    case 'token-rejected':
      return say(result.via === 'ws-1403' ? M.tokenRejectedWs : M.tokenRejectedHttp, {
        address: endpointOf(target),
        message: result.message ? `, "${result.message}"` : '',
        tokenNote,
      });
    case 'closed': {
      const meaning = result.code === 1006 ? M.close1006 : result.code === 1008 ? M.close1008 : result.code === 1011 ? M.close1011 : undefined;
      const uinHint = !server && target.uin === undefined && result.code === 1008 ? say(M.uinHint) : '';
      return (
        say(server ? M.closedServer : M.closedClient, {
          code: result.code,
          reason: result.reason ? `, "${result.reason}"` : '',
          meaning: meaning ? say(meaning) : '',
          address: endpointOf(target),
        }).trim() + uinHint
      );
    }
    case 'unexpected':
      return say(server ? M.unexpectedServer : M.unexpectedClient, { address: endpointOf(target), detail: result.detail, kind: localize(KINDS[target.kind].label, lang) });
    case 'error':
      if (result.code === 'ECONNRESET' || result.code === 'EPIPE' || /hang up/i.test(result.detail)) return say(M.errorReset, { address: result.address, code: result.code });
      if (result.code === 'ERR_INVALID_CHAR' || result.code === 'ERR_INVALID_HTTP_TOKEN') return say(M.errorHeader, { code: result.code });
      return say(M.errorOther, { address: result.address, detail: result.detail, code: result.code });
    case 'bad-url': {
      const byProblem = { unparsable: M.badUrlUnparsable, scheme: M.badUrlScheme, fragment: M.badUrlFragment, missing: M.badUrlMissing, port: M.badUrlPort };
      return say(byProblem[result.problem], { text: result.text || '—' });
    }
    case 'skipped': {
      const byReason = { disabled: M.skippedDisabled, plugin: M.skippedPlugin, 'not-read': M.skippedNotRead, replaced: M.skippedReplaced };
      return say(byReason[result.reason], { name: target.name });
    }
    case 'cancelled':
      return say(M.cancelled);
  }
}

function bodyNote(body: string | undefined, lang: Lang): string {
  if (!body) return '';
  const oneLine = body.replace(/\s+/g, ' ').trim();
  return localize(PROBE_MESSAGES.bodyNote, lang, { body: oneLine.length > 160 ? oneLine.slice(0, 160) + '…' : oneLine });
}

/** The path part of a client's URL ('/' when it has none or cannot be parsed). */
function pathOf(target: ProbeTarget): string {
  if (target.url === undefined) return '/';
  try {
    return new URL(target.url).pathname || '/';
  } catch {
    return '/';
  }
}

function ms(n: number): string {
  return n < 10 ? n.toFixed(1) : String(Math.round(n));
}
