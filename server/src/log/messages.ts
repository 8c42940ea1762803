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
  refusedOther: 'Nothing is listening on {address} (connection refused): the program NapCat connects to there is not running, or it listens on another port.',
  refusedNoAddress: 'Nothing is listening at the address NapCat connects to (connection refused): the program there is not running, or it listens on another port.',
  dnsNoHost: 'A host name cannot be resolved ({code}). Check the spelling; a Docker container or service name resolves only inside the same Docker network.',
  unreachable: 'There is no route from NapCat’s machine to {address} ({code}): the network or host is unreachable.',
  unreachableNoAddress: 'There is no route from NapCat’s machine to the address it connects to ({code}): the network or host is unreachable.',
  timeoutConnect: 'The TCP connection to {address} got no answer ({code}): a firewall drops the packets, the address is not reachable from NapCat’s machine, or the machine is down.',
  timeoutNoAddress: 'A connection NapCat opened got no answer in time ({code}): a firewall drops the packets, the address is not reachable from NapCat’s machine, or the machine is down.',
  handshakeTimeout: 'NapCat gave up waiting for {url} to answer the WebSocket handshake ("Opening handshake has timed out"; the line does not say how long NapCat waited): nothing answered in time. The address is not reachable from NapCat’s machine (a firewall, or WSL or Docker networking), or the program on that port accepts connections but does not answer the WebSocket handshake (a wrong port, or a port forward that leads nowhere).',
  handshakeTimeoutNoUrl: 'NapCat gave up waiting for a WebSocket handshake ("Opening handshake has timed out"; the line does not say how long NapCat waited): nothing answered in time. The address is not reachable from NapCat’s machine (a firewall, or WSL or Docker networking), or the program on that port accepts connections but does not answer the WebSocket handshake (a wrong port, or a port forward that leads nowhere).',
  reset: 'The connection to {address} was reset by the other side ({code}): the program there dropped a connection that was open, without closing it properly — it crashed or restarted, or, when this happens at every attempt, it expects TLS (wss:// or https://) or is not an HTTP server.',
  resetNoAddress: 'A connection was reset by the other side ({code}): the program there dropped a connection that was open, without closing it properly — it crashed or restarted, or, when this happens at every attempt, it expects TLS (wss:// or https://) or is not an HTTP server.',
  hangUp: 'The program at {address} accepted the connection, then closed it before answering NapCat’s request ("socket hang up"): it is not an HTTP or WebSocket server (another program holds that port, or it expects TLS: wss:// or https://), or a proxy or port forward in between has nothing behind it.',
  hangUpNoAddress: 'A program accepted NapCat’s connection, then closed it before answering the request ("socket hang up"): it is not an HTTP or WebSocket server (another program holds that port, or it expects TLS: wss:// or https://), or a proxy or port forward in between has nothing behind it.',
  connectNotAvailable: 'NapCat cannot connect to {address} ({code}: address not available): {host} is not an address one can connect to.',
  zeroDestination: ' {host} is a listen address (“every interface of this machine”), not a destination: the URL must name the framework’s machine — 127.0.0.1 when it runs beside NapCat outside Docker, else its IP address, its container name or host.docker.internal.',
  containerName: ' {host} looks like a Docker container or service name, and it resolved, so the container runs; but nothing there accepts connections on port {port} from other containers. A framework in a container must listen on 0.0.0.0 inside it (NoneBot: HOST=0.0.0.0), not on 127.0.0.1 or localhost, which only its own container reaches; and the URL takes the port it listens on inside the container, not a port published on the host.',
  closed: 'The framework at {url} closed the reverse WebSocket connection (NapCat logs no close code). When this follows every connect, the framework refuses this bot: a wrong token, a missing or duplicate X-Self-ID (another connection with the same QQ number), or a path it does not serve — its own log says which. NapCat reconnects after reconnectInterval.',
  closedNoUrl: 'The framework closed the reverse WebSocket connection (NapCat logs no close code). When this follows every connect, the framework refuses this bot: a wrong token, a missing or duplicate X-Self-ID (another connection with the same QQ number), or a path it does not serve — its own log says which. NapCat reconnects after reconnectInterval.',
  portInUse: 'NapCat could not listen on {address}: the port is already in use ({code}), so this server did not start. Another program or another NapCat holds it, or two enabled servers of the config share the port (a server entry replaced by a later one with the same name still holds its port).',
  portInUseNoAddress: 'NapCat could not listen on a port that is already in use ({code}), so this server did not start. Another program or another NapCat holds it, or two enabled servers of the config share the port (a server entry replaced by a later one with the same name still holds its port).',
  portDeniedLow: 'NapCat was not allowed to listen on {address} ({code}: permission denied), so this server did not start. On Linux only the administrator (root) may use ports below 1024, and this NapCat does not run as root. Use a port from 1024 up (3000, 3001 …); if others must reach port {port}, forward it to NapCat’s port (a reverse proxy, or Docker’s -p {port}:3001).',
  portDenied: 'NapCat was not allowed to listen on {address} ({code}: permission denied), so this server did not start. On Windows the port lies in a range the system keeps for itself (Hyper-V, WSL and Docker reserve ranges, which can change at every restart; `netsh interface ipv4 show excludedportrange protocol=tcp` lists them): choose a port outside those ranges. Elsewhere a security policy (SELinux, AppArmor) forbids the port.',
  portDeniedNoAddress: 'NapCat was not allowed to listen on a port ({code}: permission denied), so this server did not start. On Linux only root may use ports below 1024: use a port from 1024 up. On Windows the port lies in a range the system keeps for itself (Hyper-V, WSL, Docker; `netsh interface ipv4 show excludedportrange protocol=tcp` lists them): choose another port.',
  addressNotAvailable: 'NapCat could not listen on {address}: {host} is not an address of the machine NapCat runs on ({code}: address not available), so this server did not start. A server can only listen on its own machine’s addresses. In Docker that machine is the container, which does not have the host’s IP address: listen on 0.0.0.0 and publish the port (-p {port}:{port}). Elsewhere use 0.0.0.0, 127.0.0.1 or an address the machine has now (`ip addr`, on Windows `ipconfig`): its IP may have changed (DHCP), or the network was not up yet when NapCat started.',
  addressNotAvailableNoAddress: 'NapCat could not listen on an address that is not one of its machine’s ({code}: address not available), so this server did not start. In Docker that machine is the container, which does not have the host’s IP address: listen on 0.0.0.0 and publish the port (-p). Elsewhere use 0.0.0.0, 127.0.0.1 or an address the machine has now.',
  // --- NapCat's own errors and the WebUI line
  napcatError: 'NapCat logged an error of its own (not a connection failure) with a stack trace: “{first}”. A part of NapCat may not work; the lines that follow say where it failed.',
  webuiLocalAll: 'NapCat prints the WebUI at 127.0.0.1 for its own machine, but webui.json has it listen on {host}: other machines reach it too, at this machine’s address and port {port}, not only this machine. Keep the token secret, or set host to 127.0.0.1.',
  // --- HTTP statuses, where the probe sentence needs the path and the log line has no URL
  rejectedPathNoUrl: 'The server answered HTTP {status}: nothing is served at the path NapCat asked for. Check the path the framework expects (NoneBot: /onebot/v11/ws, not /onebot/v11; mind a trailing slash).',
  rejectedMethodNoUrl: 'The server answered HTTP {status}: the path NapCat asked for exists but is not a WebSocket endpoint (for example a framework’s HTTP route such as /onebot/v11/http, or /onebot/v11 where /onebot/v11/ws is meant).',
  // --- HTTP POST of events (httpClients)
  postToken: 'The framework refused an event NapCat POSTed, with HTTP {status}. NapCat sends no Authorization header with events, only x-signature (an HMAC-SHA1 of the body with the entry’s token, when it has one): the framework’s signature secret (NoneBot: ONEBOT_SECRET) must equal that token, and a framework that demands an access token on incoming POSTs refuses them.',
  postPath: 'The framework answered an event NapCat POSTed to {url} with HTTP {status}: nothing accepts events at this URL. Check the URL the framework expects for HTTP POST (NoneBot: /onebot/v11/ or /onebot/v11/http).',
  postPathNoUrl: 'The framework answered an event NapCat POSTed with HTTP {status}: nothing accepts events at this URL. Check the URL the framework expects for HTTP POST (NoneBot: /onebot/v11/ or /onebot/v11/http).',
  postOther: 'The framework answered an event NapCat POSTed with HTTP {status} instead of a success (2xx): see the framework’s log.',
  // --- grouping and limits
  repeated: ' The same error appears {count} times in this log; only the first is marked.',
  lastOccurrence: 'The last of {count} occurrences',
  moreFindings: 'This log has {count} more lines with errors of this kind ({code}) that are not marked: only the first {limit} different ones are.',
  moreLinks: 'Only the first {limit} links of this log are clickable; {count} more from here on are not.',
  // --- document link tooltips
  openUrl: 'Open {url}',
  openUrlMasked: 'Open {url} (token hidden here)',
  openFile: 'Open {path}',
  openMappedFile: 'Open {path} (the log names {written}, which is not on this machine)',
} satisfies Catalogue<string>;
