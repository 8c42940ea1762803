import type { Catalogue } from '../core';

/**
 * The sentences of log findings that the probes have no sentence for, in English and Simplified
 * Chinese. Where a probe sentence fits a log line (a refused connection, a DNS failure, an HTTP
 * status answered to the WebSocket handshake, a certificate problem) the log findings use
 * `PROBE_MESSAGES` instead, so a log line and a connection test explain the same failure in the
 * same words. The probe sentences say "the probe"/"from here" where the probe's own view matters;
 * the ones below speak from NapCat's machine, which is where a log was written.
 */
export const LOG_MESSAGES = {
  // --- connection errors
  refusedOther: {
    en: 'Nothing is listening on {address} (connection refused): the program NapCat connects to there is not running, or it listens on another port.',
    'zh-cn': '{address} 上没有程序在监听（连接被拒绝）：NapCat 要连接的程序没有运行，或者它监听的是别的端口。',
  },
  refusedNoAddress: {
    en: 'Nothing is listening at the address NapCat connects to (connection refused): the program there is not running, or it listens on another port.',
    'zh-cn': 'NapCat 要连接的地址上没有程序在监听（连接被拒绝）：那里的程序没有运行，或者它监听的是别的端口。',
  },
  dnsNoHost: {
    en: 'A host name cannot be resolved ({code}). Check the spelling; a Docker container or service name resolves only inside the same Docker network.',
    'zh-cn': '无法解析主机名（{code}）。请检查拼写；Docker 容器名或服务名只能在同一个 Docker 网络内解析。',
  },
  unreachable: {
    en: 'There is no route from NapCat’s machine to {address} ({code}): the network or host is unreachable.',
    'zh-cn': '从 NapCat 所在的机器无法到达 {address}（{code}）：网络或主机不可达。',
  },
  unreachableNoAddress: {
    en: 'There is no route from NapCat’s machine to the address it connects to ({code}): the network or host is unreachable.',
    'zh-cn': '从 NapCat 所在的机器无法到达它要连接的地址（{code}）：网络或主机不可达。',
  },
  timeoutConnect: {
    en: 'The TCP connection to {address} got no answer ({code}): a firewall drops the packets, the address is not reachable from NapCat’s machine, or the machine is down.',
    'zh-cn': '到 {address} 的 TCP 连接没有任何回应（{code}）：防火墙丢弃了数据包、NapCat 所在的机器无法访问该地址，或者对方机器已关机。',
  },
  timeoutNoAddress: {
    en: 'A connection NapCat opened got no answer in time ({code}): a firewall drops the packets, the address is not reachable from NapCat’s machine, or the machine is down.',
    'zh-cn': 'NapCat 发起的连接没有及时得到回应（{code}）：防火墙丢弃了数据包、NapCat 所在的机器无法访问该地址，或者对方机器已关机。',
  },
  handshakeTimeout: {
    en: 'NapCat gave up connecting to {url} after 2000 ms ("Opening handshake has timed out"): nothing answered in time. The address is not reachable from NapCat’s machine (a firewall, or WSL or Docker networking), or the program on that port accepts connections but does not answer the WebSocket handshake (a wrong port, or a port forward that leads nowhere).',
    'zh-cn': 'NapCat 连接 {url} 时在 2000 ms 后放弃（"Opening handshake has timed out"）：没有及时收到回应。NapCat 所在的机器无法访问该地址（防火墙，或 WSL、Docker 的网络），或者该端口上的程序接受连接却不响应 WebSocket 握手（端口填错了，或者端口转发没有通到目标）。',
  },
  handshakeTimeoutNoUrl: {
    en: 'NapCat gave up a WebSocket connection after 2000 ms ("Opening handshake has timed out"): nothing answered in time. The address is not reachable from NapCat’s machine (a firewall, or WSL or Docker networking), or the program on that port accepts connections but does not answer the WebSocket handshake (a wrong port, or a port forward that leads nowhere).',
    'zh-cn': 'NapCat 在 2000 ms 后放弃了一个 WebSocket 连接（"Opening handshake has timed out"）：没有及时收到回应。NapCat 所在的机器无法访问该地址（防火墙，或 WSL、Docker 的网络），或者该端口上的程序接受连接却不响应 WebSocket 握手（端口填错了，或者端口转发没有通到目标）。',
  },
  reset: {
    en: 'The connection to {address} was reset by the other side ({code}): the program there dropped it without closing it properly — it crashed or restarted, or, when this happens at every attempt, it expects TLS (wss:// or https://) or is not an HTTP server.',
    'zh-cn': '到 {address} 的连接被对方重置（{code}）：对方没有正常关闭就断开了连接——程序崩溃或重启了；如果每次连接都这样，则它可能要求 TLS（wss:// 或 https://），或者根本不是 HTTP 服务。',
  },
  resetNoAddress: {
    en: 'A connection was reset by the other side ({code}): the program there dropped it without closing it properly — it crashed or restarted, or, when this happens at every attempt, it expects TLS (wss:// or https://) or is not an HTTP server.',
    'zh-cn': '连接被对方重置（{code}）：对方没有正常关闭就断开了连接——程序崩溃或重启了；如果每次连接都这样，则它可能要求 TLS（wss:// 或 https://），或者根本不是 HTTP 服务。',
  },
  closed: {
    en: 'The framework at {url} closed the reverse WebSocket connection (NapCat logs no close code). When this follows every connect, the framework refuses this bot: a wrong token, a missing or duplicate X-Self-ID (another connection with the same QQ number), or a path it does not serve — its own log says which. NapCat reconnects after reconnectInterval.',
    'zh-cn': '{url} 上的机器人框架关闭了反向 WebSocket 连接（NapCat 不记录关闭代码）。如果每次连接后都这样，说明框架拒绝了这个机器人：token 错误、X-Self-ID 缺失或重复（同一 QQ 号已有另一个连接），或者路径不是它提供的——框架自己的日志会说明原因。NapCat 会在 reconnectInterval 之后重连。',
  },
  closedNoUrl: {
    en: 'The framework closed the reverse WebSocket connection (NapCat logs no close code). When this follows every connect, the framework refuses this bot: a wrong token, a missing or duplicate X-Self-ID (another connection with the same QQ number), or a path it does not serve — its own log says which. NapCat reconnects after reconnectInterval.',
    'zh-cn': '机器人框架关闭了反向 WebSocket 连接（NapCat 不记录关闭代码）。如果每次连接后都这样，说明框架拒绝了这个机器人：token 错误、X-Self-ID 缺失或重复（同一 QQ 号已有另一个连接），或者路径不是它提供的——框架自己的日志会说明原因。NapCat 会在 reconnectInterval 之后重连。',
  },
  portInUse: {
    en: 'NapCat could not listen on {address}: the port is already in use ({code}), so this server did not start. Another program or another NapCat holds it, or two enabled servers of the config share the port (a server entry replaced by a later one with the same name still holds its port).',
    'zh-cn': 'NapCat 无法在 {address} 上监听：端口已被占用（{code}），因此这个服务没有启动。占用它的可能是别的程序或另一个 NapCat，也可能是配置中两个已启用的服务使用了同一端口（被后面同名条目替换掉的服务仍会占着它的端口）。',
  },
  portInUseNoAddress: {
    en: 'NapCat could not listen on a port that is already in use ({code}), so this server did not start. Another program or another NapCat holds it, or two enabled servers of the config share the port (a server entry replaced by a later one with the same name still holds its port).',
    'zh-cn': 'NapCat 无法监听一个已被占用的端口（{code}），因此这个服务没有启动。占用它的可能是别的程序或另一个 NapCat，也可能是配置中两个已启用的服务使用了同一端口（被后面同名条目替换掉的服务仍会占着它的端口）。',
  },
  // --- HTTP statuses, where the probe sentence needs the path and the log line has no URL
  rejectedPathNoUrl: {
    en: 'The server answered HTTP {status}: nothing is served at the path NapCat asked for. Check the path the framework expects (NoneBot: /onebot/v11/ws, not /onebot/v11; mind a trailing slash).',
    'zh-cn': '服务端返回 HTTP {status}：NapCat 请求的路径上没有任何服务。请检查框架要求的路径（NoneBot 为 /onebot/v11/ws，而不是 /onebot/v11；注意末尾的斜杠）。',
  },
  rejectedMethodNoUrl: {
    en: 'The server answered HTTP {status}: the path NapCat asked for exists but is not a WebSocket endpoint (for example a framework’s HTTP route such as /onebot/v11/http, or /onebot/v11 where /onebot/v11/ws is meant).',
    'zh-cn': '服务端返回 HTTP {status}：NapCat 请求的路径存在，但不是 WebSocket 端点（例如框架的 HTTP 路由 /onebot/v11/http，或者本应是 /onebot/v11/ws 却写成了 /onebot/v11）。',
  },
  // --- HTTP POST of events (httpClients)
  postToken: {
    en: 'The framework refused an event NapCat POSTed, with HTTP {status}. NapCat sends no Authorization header with events, only x-signature (an HMAC-SHA1 of the body with the entry’s token, when it has one): the framework’s signature secret (NoneBot: ONEBOT_SECRET) must equal that token, and a framework that demands an access token on incoming POSTs refuses them.',
    'zh-cn': '机器人框架以 HTTP {status} 拒绝了 NapCat 上报（POST）的事件。NapCat 上报事件时不发送 Authorization 头，只发送 x-signature（条目设置了 token 时，用它对请求体计算的 HMAC-SHA1）：框架校验签名用的密钥（NoneBot：ONEBOT_SECRET）必须与该 token 相同；要求上报请求携带 access token 的框架会拒绝这些事件。',
  },
  postPath: {
    en: 'The framework answered an event NapCat POSTed to {url} with HTTP {status}: nothing accepts events at this URL. Check the URL the framework expects for HTTP POST (NoneBot: /onebot/v11/ or /onebot/v11/http).',
    'zh-cn': '机器人框架以 HTTP {status} 回应了 NapCat 上报到 {url} 的事件：这个 URL 上没有接收事件的服务。请检查框架要求的 HTTP 上报地址（NoneBot 为 /onebot/v11/ 或 /onebot/v11/http）。',
  },
  postPathNoUrl: {
    en: 'The framework answered an event NapCat POSTed with HTTP {status}: nothing accepts events at this URL. Check the URL the framework expects for HTTP POST (NoneBot: /onebot/v11/ or /onebot/v11/http).',
    'zh-cn': '机器人框架以 HTTP {status} 回应了 NapCat 上报的事件：这个 URL 上没有接收事件的服务。请检查框架要求的 HTTP 上报地址（NoneBot 为 /onebot/v11/ 或 /onebot/v11/http）。',
  },
  postOther: {
    en: 'The framework answered an event NapCat POSTed with HTTP {status} instead of a success (2xx): see the framework’s log.',
    'zh-cn': '机器人框架以 HTTP {status} 而不是成功状态（2xx）回应了 NapCat 上报的事件：请查看框架的日志。',
  },
  // --- grouping and limits
  repeated: {
    en: ' The same error appears {count} times in this log; only the first is marked.',
    'zh-cn': '同样的错误在此日志中出现了 {count} 次，只标出了第一次。',
  },
  lastOccurrence: {
    en: 'The last of {count} occurrences',
    'zh-cn': '{count} 次中的最后一次',
  },
  moreFindings: {
    en: 'This log has {count} more lines with errors of this kind ({code}) that are not marked: only the first {limit} different ones are.',
    'zh-cn': '此日志中还有 {count} 行同类错误（{code}）没有标出：只标出前 {limit} 种不同的错误。',
  },
  moreLinks: {
    en: 'Only the first {limit} links of this log are clickable; {count} more from here on are not.',
    'zh-cn': '此日志中只有前 {limit} 个链接可以点击；从这里起还有 {count} 个链接不可点击。',
  },
  // --- document link tooltips
  openUrl: { en: 'Open {url}', 'zh-cn': '打开 {url}' },
  openUrlMasked: { en: 'Open {url} (token hidden here)', 'zh-cn': '打开 {url}（此处隐藏了 token）' },
  openFile: { en: 'Open {path}', 'zh-cn': '打开 {path}' },
  openMappedFile: {
    en: 'Open {path} (the log names {written}, which is not on this machine)',
    'zh-cn': '打开 {path}（日志中写的是 {written}，本机上没有该文件）',
  },
} satisfies Catalogue<string>;
