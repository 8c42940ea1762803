import { KINDS, servedPaths, type Catalogue, type Message } from '../core';
import { maskToken, maskUrl, urlSecrets } from '../core/secrets';
import { closeReasonOf, type CloseReason } from './classify';
import type { ProbeResult, ProbeTarget, StatusMeaning, TimeoutPhase, TlsProblem } from './types';
import { localize } from '../wording';

/**
 * Every sentence a probe result can turn into, in English and Simplified Chinese. `describeResult`
 * picks the sentence for a result and its target's role (NapCat dials out, or NapCat listens);
 * `resultLabel` gives the short form for tables and tree items. Tokens appear only masked.
 */
export const PROBE_MESSAGES = {
  // --- ok
  okReverseWs: 'The framework accepted a test connection in {ms} ms: NapCat’s headers and this entry’s token, under a test account (X-Self-ID {testId}) that no bot uses, so a bot that is online here is left alone; the probe sent nothing and closed it. The address, the path and the token work, and the framework takes any account on this path.',
  okReverseWsAccountUnchecked: 'A OneBot endpoint answers at this address and path ({ms} ms): it closed the test connection of an unknown account (X-Self-ID {testId}; code {code}{reason}), as a framework does that takes only the accounts it is configured for (Koishi: the bot’s selfId). The test never connects as {account}: a second connection of an account that is online takes the bot over from NapCat (Koishi marks it offline when the test ends). Make sure the framework is configured for {account}; the token was not tested.',
  okAccountOf: 'NapCat’s account {uin}',
  okAccountUnknown: 'NapCat’s account',
  okUnverified: ' The certificate was not verified ("verifyCertificate": false): {problem}.',
  okNapCat: '{app} {version} answers at {address} in {ms} ms{account}.',
  okAccount: ', logged in as {nickname} ({userId})',
  okHttpClient: 'An HTTP server answers at {endpoint} (HEAD → {status}, {ms} ms). The probe sends no event; whether the framework accepts NapCat’s events shows when NapCat POSTs one.',
  okHttpClient404: ' It answered 404 to this path: check that the framework really serves {path} (some servers answer 404 to HEAD on a POST-only route, so this may still be right).',
  // --- refused
  refusedClient: 'Nothing is listening on {address} (connection refused): the bot framework is not running, or it listens on another port.',
  refusedServer: 'Nothing is listening on {address} (connection refused): NapCat is not running, did not start this server (not enabled in the config it loaded), or could not bind the port (already in use).',
  refusedLoopbackClient: ' {host} is the machine NapCat runs on. If NapCat runs in Docker, that is the container itself, not your computer or the framework’s container: use the framework’s container name or host.docker.internal instead.',
  refusedLoopbackServer: ' The probe connects from this machine: if NapCat runs in Docker, the port must be published (-p {port}:{port}), and a server inside a container must listen on 0.0.0.0 to be reachable from outside.',
  // --- dns
  dns: 'The host name {host} cannot be resolved ({code}). Check the spelling; a Docker container or service name resolves only inside the same Docker network.',
  unreachable: 'There is no route to {address} from here ({code}): the network or host is unreachable.',
  // --- timeout
  timeoutDns: 'Resolving the host of {address} took longer than {timeout} ms.',
  timeoutConnect: 'The TCP connection to {address} got no answer within {timeout} ms: a firewall drops the packets, the address is not reachable from here, or the machine is down.',
  timeoutTls: 'The TCP connection to {address} opened, but the TLS handshake did not finish within {timeout} ms.',
  timeoutHandshake: 'The TCP connection to {address} opened, but the WebSocket handshake got no answer within {timeout} ms (NapCat itself gives up after 2000 ms with "Opening handshake has timed out"). The program on that port accepts connections but does not answer HTTP: a wrong port, or a proxy or WSL/Docker port forward that leads nowhere.',
  timeoutResponseHttp: 'The TCP connection to {address} opened, but no HTTP answer came within {timeout} ms: the program on that port is not an HTTP server, or it hangs.',
  timeoutResponseWs: 'The WebSocket connection to {address} opened, but get_version_info got no answer within {timeout} ms: the server on this port is not NapCat’s OneBot WebSocket server.',
  // --- tls
  tlsSelfSigned: 'The TLS certificate of {address} is self-signed ({code}), so NapCat refuses it.',
  tlsExpired: 'The TLS certificate of {address} has expired ({code}), so NapCat refuses it. Renew the certificate.',
  tlsNotYetValid: 'The TLS certificate of {address} is not valid yet ({code}): check the clock of both machines.',
  tlsHostname: 'The TLS certificate of {address} is not issued for this host name ({detail}), so NapCat refuses it. Use the name the certificate is issued for.',
  tlsUntrusted: 'The TLS certificate of {address} is signed by an authority this machine does not trust ({code}), so NapCat refuses it.',
  tlsVerifyHint: ' Use a certificate from a trusted authority, or set "verifyCertificate": false for this client (NapCat v4.18.2+; the connection is then no longer protected against interception).',
  tlsNotTls: 'The server at {address} does not speak TLS ({code}): write {plain} instead of {secure}.',
  tlsOther: 'The TLS handshake with {address} failed: {detail}.',
  // --- rejected (an HTTP status instead of the WebSocket upgrade)
  rejectedToken: 'The framework refused the WebSocket connection with HTTP {status}{statusText}: it wants another token. NapCat sends this entry’s token as "Authorization: Bearer …"{tokenNote}; make it equal to the framework’s access token (NoneBot: ONEBOT_ACCESS_TOKEN).',
  rejectedForbidden: 'The framework refused the WebSocket connection with HTTP 403{statusText}. Frameworks answer 403 for a wrong token{tokenNote}, for a path they do not serve (NoneBot serves /onebot/v11/ws), or when a bot with this QQ number is already connected (NapCat itself may be connected right now).',
  rejectedForbiddenTest: 'The framework refused the WebSocket connection with HTTP 403{statusText}. Frameworks answer 403 for a wrong token{tokenNote} (NoneBot, AstrBot) or for a path they do not serve (NoneBot serves /onebot/v11/ws). The test connects as a test account, so this is not about a bot that is already connected; a framework that takes only the accounts it is configured for may refuse the test account this way.',
  rejectedPath: 'The server answered HTTP {status}{statusText}: nothing is served at {path}. Check the path the framework serves ({paths}; NoneBot’s is not /onebot/v11, Koishi’s is its path setting) and mind a trailing slash.',
  rejectedMethod: 'The server answered HTTP {status}{statusText}: {path} exists but is not a WebSocket endpoint (for example a framework’s HTTP route such as /onebot/v11/http). The WebSocket paths the frameworks serve: {paths}.',
  rejectedPage: 'The server answered the WebSocket handshake with a plain HTTP page (HTTP {status}; NapCat logs "Unexpected server response: {status}"): this is a web server, not a WebSocket endpoint — for example NapCat’s WebUI on port 6099, or a framework’s HTTP port.',
  rejectedPageServer: 'Something other than NapCat’s WebSocket server answers at {address}: it answered the handshake with HTTP {status}{statusText} (for example NapCat’s WebUI on port 6099, or an HTTP server). Check the port.',
  rejectedRedirect: 'The server answered with a redirect (HTTP {status}{location}); NapCat does not follow redirects. Write the final address (perhaps wss://) in the config.',
  rejectedBadRequest: 'The server refused the WebSocket handshake as a bad request (HTTP 400{statusText}){uinNote}.',
  rejectedServerError: 'The server failed with HTTP {status}{statusText} while handling the WebSocket handshake: see the framework’s log.',
  rejectedOther: 'The server refused the WebSocket handshake with HTTP {status}{statusText}.',
  bodyNote: ' It said: "{body}".',
  tokenNoteEmpty: ' (this entry has no token)',
  tokenNoteSet: ' (this entry’s token: {masked})',
  // --- token rejected by NapCat
  tokenRejectedWs: 'NapCat’s WebSocket server at {address} rejected the token (retcode 1403{message}): the NapCat running there uses another token than this file says{tokenNote} — it loaded another config, or the file changed since NapCat started.',
  tokenRejectedHttp: 'NapCat’s HTTP server at {address} answered 403 "token verify failed": the NapCat running there uses another token than this file says{tokenNote} — it loaded another config, or the file changed since NapCat started.',
  // --- closed
  closedClient: 'The framework accepted the WebSocket connection, then closed it at once (code {code}{reason}). {meaning}NapCat would reconnect every reconnectInterval and be dropped again.',
  closedServer: 'The WebSocket connection to {address} opened, then the server closed it before answering (code {code}{reason}). {meaning}',
  close1006: 'The connection dropped without a closing handshake. ',
  close1008: 'Code 1008 (policy violation) usually means a wrong token or a missing or duplicate X-Self-ID. ',
  closePath: 'A close at once without a code (1005), or with a bare 1000 before any message, is what a framework does on a path it does not serve (Koishi accepts the upgrade on any path and closes it so). Check the path the framework serves: {paths}. ',
  closeDuplicate: 'The framework says a bot with this QQ number is connected already: NapCat itself may be connected right now (NoneBot keeps the first connection and refuses the second). ',
  closeMissingAccount: 'The framework wants the X-Self-ID header, the QQ number NapCat logs in with. ',
  closeUnknownAccount: 'The framework is not configured for this QQ number: add the account to the framework (Koishi: the bot’s selfId must be the QQ number NapCat logs in with). ',
  closeToken: 'The framework refused the token{tokenNote}: make it equal to the framework’s access token. ',
  closeRole: 'The framework wants "x-client-role: Universal", which NapCat sends. ',
  close1011: 'Code 1011 means the server hit an error: see its log. ',
  // --- others
  unexpectedClient: 'Something answers at {address}, but not as a WebSocket server would: {detail}.',
  unexpectedServer: 'Something answers at {address}, but not as NapCat’s OneBot {kind} would: {detail}. Another program may hold this port.',
  errorReset: 'The server at {address} closed the connection without answering ({code}). It may expect TLS (wss:// or https://), or it is not an HTTP server.',
  errorHeader: 'The token or QQ number contains characters an HTTP header cannot carry ({code}); NapCat cannot connect with it either.',
  errorOther: 'The connection to {address} failed: {detail} ({code}).',
  badUrlUnparsable: 'The URL {text} cannot be parsed, so NapCat cannot use it (the config check says why).',
  badUrlScheme: 'The URL {text} is not a WebSocket URL: write ws:// or wss://.',
  badUrlFragment: 'The URL {text} contains a fragment (#…), which the WebSocket library NapCat uses refuses.',
  badUrlMissing: 'This entry has no usable address ({text}).',
  badUrlPort: 'The port of {text} is not one NapCat can use (1–65535).',
  skippedDisabled: 'Not tested: the entry is disabled ("enable": false), so NapCat does not start it.',
  skippedPlugin: 'Not tested: plugin adapters have no network endpoint.',
  skippedNotRead: 'Not tested: NapCat never reads this entry (reverseWs.connections is not a NapCat shape).',
  skippedReplaced: 'Not tested: a later enabled entry has the same name "{name}" and replaces this one, so NapCat never opens it.',
  cancelled: 'Cancelled.',
} satisfies Catalogue<string>;

/** Short forms, for table cells and tree items. */
export const PROBE_LABELS = {
  ok: 'ok',
  'ok-unchecked': 'ok (account not checked)',
  refused: 'refused',
  dns: 'DNS: name not found',
  unreachable: 'unreachable',
  'timeout-dns': 'timeout (DNS)',
  'timeout-connect': 'timeout (TCP connect)',
  'timeout-tls': 'timeout (TLS)',
  'timeout-handshake': 'timeout (WebSocket handshake)',
  'timeout-response': 'timeout (no answer)',
  tls: 'TLS: {problem}',
  rejected: 'HTTP {status}',
  'token-rejected': 'token rejected',
  closed: 'closed ({code})',
  unexpected: 'unexpected answer',
  error: 'error ({code})',
  'bad-url': 'bad URL',
  skipped: 'skipped ({reason})',
  cancelled: 'cancelled',
  'tls-self-signed': 'self-signed',
  'tls-expired': 'expired',
  'tls-not-yet-valid': 'not yet valid',
  'tls-hostname': 'wrong host name',
  'tls-untrusted': 'untrusted',
  'tls-not-tls': 'not TLS',
  'tls-other': 'handshake failed',
  'skip-disabled': 'disabled',
  'skip-plugin': 'plugin',
  'skip-not-read': 'not read by NapCat',
  'skip-replaced': 'replaced',
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
export function resultLabel(result: ProbeResult): string {
  const L = PROBE_LABELS;
  switch (result.kind) {
    case 'timeout':
      return localize(L[`timeout-${result.phase}`]);
    case 'tls':
      return localize(L.tls, { problem: localize(L[`tls-${result.problem}`]) });
    case 'rejected':
      return localize(L.rejected, { status: result.status });
    case 'closed':
      return localize(L.closed, { code: result.code });
    case 'ok':
      return localize(result.accountUnchecked ? L['ok-unchecked'] : L.ok);
    case 'error':
      return localize(L.error, { code: result.code });
    case 'skipped':
      return localize(L.skipped, { reason: localize(L[`skip-${result.reason}`]) });
    default:
      return localize(L[result.kind]);
  }
}

/**
 * A sentence (or two) saying what a result means for this target, in `lang`: what answered, or
 * what failed and what usually causes it. Tokens appear only masked.
 */
export function describeResult(result: ProbeResult, target: ProbeTarget): string {
  const M = PROBE_MESSAGES;
  const server = KINDS[target.kind].role === 'server';
  const isWs = target.kind === 'websocketClients' || target.kind === 'websocketServers';
  const tokenNote = target.token === '' ? localize(M.tokenNoteEmpty) : localize(M.tokenNoteSet, { masked: maskToken(target.token) });
  const statusText = (s: string) => (s ? ` ${s}` : '');
  const path = pathOf(target);

  switch (result.kind) {
    case 'ok': {
      if (result.napcat) {
        const n = result.napcat;
        const account = n.userId || n.nickname ? localize(M.okAccount, { nickname: n.nickname ?? '?', userId: n.userId ?? '?' }) : '';
        return localize(M.okNapCat, { app: n.appName ?? 'NapCat', version: n.appVersion ?? '?', address: endpointOf(target), ms: ms(result.latencyMs), account });
      }
      if (result.httpStatus !== undefined) {
        const text = localize(M.okHttpClient, { endpoint: endpointOf(target), status: result.httpStatus, ms: ms(result.latencyMs) });
        return result.httpStatus === 404 ? text + localize(M.okHttpClient404, { path }) : text;
      }
      const account = target.uin !== undefined ? localize(M.okAccountOf, { uin: target.uin }) : localize(M.okAccountUnknown);
      const unchecked = result.accountUnchecked;
      let text = unchecked
        ? localize(M.okReverseWsAccountUnchecked, { ms: ms(result.latencyMs), testId: result.testSelfId ?? '?', code: unchecked.code, reason: unchecked.reason ? `, "${unchecked.reason}"` : '', account })
        : localize(M.okReverseWs, { ms: ms(result.latencyMs), testId: result.testSelfId ?? target.uin ?? '?' });
      if (result.tls && !result.tls.verified) {
        text += localize(M.okUnverified, { problem: localize(PROBE_LABELS[`tls-${result.tls.problem ?? 'other'}`]) });
      }
      return text;
    }
    case 'refused': {
      const host = result.address.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
      const port = /:(\d+)$/.exec(result.address)?.[1] ?? '';
      let text = localize(server ? M.refusedServer : M.refusedClient, { address: result.address });
      if (result.loopback) text += localize(server ? M.refusedLoopbackServer : M.refusedLoopbackClient, { host, port });
      return text;
    }
    case 'dns':
      return localize(M.dns, { host: result.host, code: result.code });
    case 'unreachable':
      return localize(M.unreachable, { address: result.address, code: result.code });
    case 'timeout': {
      const args = { address: result.address, timeout: result.timeoutMs };
      const byPhase: Record<TimeoutPhase, Message> = {
        dns: M.timeoutDns,
        connect: M.timeoutConnect,
        tls: M.timeoutTls,
        handshake: M.timeoutHandshake,
        response: isWs ? M.timeoutResponseWs : M.timeoutResponseHttp,
      };
      return localize(byPhase[result.phase], args);
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
      let text = localize(byProblem[result.problem], {
        address: result.address,
        code: result.code,
        detail: result.detail,
        plain: isWs ? 'ws://' : 'http://',
        secure: isWs ? 'wss://' : 'https://',
      });
      if (target.kind === 'websocketClients' && ['self-signed', 'untrusted', 'hostname', 'expired'].includes(result.problem)) text += localize(M.tlsVerifyHint);
      return text;
    }
    case 'rejected': {
      const args = { status: result.status, statusText: statusText(result.statusText), path, address: endpointOf(target), tokenNote, paths: servedPaths() };
      if (server && result.meaning !== 'redirect') return localize(M.rejectedPageServer, args) + bodyNote(result.body);
      const byMeaning: Record<StatusMeaning, Message> = {
        token: M.rejectedToken,
        // The probe sends a test account's X-Self-ID, so its 403 is never about a bot already online.
        forbidden: M.rejectedForbiddenTest,
        path: M.rejectedPath,
        'not-websocket': result.status >= 200 && result.status < 300 ? M.rejectedPage : M.rejectedMethod,
        redirect: M.rejectedRedirect,
        'bad-request': M.rejectedBadRequest,
        'server-error': M.rejectedServerError,
        other: M.rejectedOther,
      };
      return localize(byMeaning[result.meaning], { ...args, location: result.location ? ` → ${result.location}` : '', uinNote: '' }) + bodyNote(result.body);
    }
    case 'token-rejected':
      return localize(result.via === 'ws-1403' ? M.tokenRejectedWs : M.tokenRejectedHttp, {
        address: endpointOf(target),
        message: result.message ? `, "${result.message}"` : '',
        tokenNote,
      });
    case 'closed': {
      const meaning = closeMeaning(result.code, result.reason, server);
      return localize(server ? M.closedServer : M.closedClient, {
        code: result.code,
        reason: result.reason ? `, "${result.reason}"` : '',
        meaning: meaning ? localize(meaning, { tokenNote, paths: servedPaths() }) : '',
        address: endpointOf(target),
      }).trim();
    }
    case 'unexpected':
      return localize(server ? M.unexpectedServer : M.unexpectedClient, { address: endpointOf(target), detail: result.detail, kind: localize(KINDS[target.kind].label) });
    case 'error':
      if (result.code === 'ECONNRESET' || result.code === 'EPIPE' || /hang up/i.test(result.detail)) return localize(M.errorReset, { address: result.address, code: result.code });
      if (result.code === 'ERR_INVALID_CHAR' || result.code === 'ERR_INVALID_HTTP_TOKEN') return localize(M.errorHeader, { code: result.code });
      return localize(M.errorOther, { address: result.address, detail: result.detail, code: result.code });
    case 'bad-url': {
      const byProblem = { unparsable: M.badUrlUnparsable, scheme: M.badUrlScheme, fragment: M.badUrlFragment, missing: M.badUrlMissing, port: M.badUrlPort };
      return localize(byProblem[result.problem], { text: result.text || '—' });
    }
    case 'skipped': {
      const byReason = { disabled: M.skippedDisabled, plugin: M.skippedPlugin, 'not-read': M.skippedNotRead, replaced: M.skippedReplaced };
      return localize(byReason[result.reason], { name: target.name });
    }
    case 'cancelled':
      return localize(M.cancelled);
  }
}

/**
 * What a close says, as a sentence: by its reason when the framework gave one that says which
 * (`closeReasonOf`), else by its code. A framework's close without a code (1005) or with a bare
 * 1000 points at the path only for a client: NapCat's own servers never close like that for it.
 */
function closeMeaning(code: number, reason: string, server: boolean): Message | undefined {
  const M = PROBE_MESSAGES;
  const byReason: Record<CloseReason, Message | undefined> = {
    path: server ? undefined : M.closePath,
    'duplicate-account': M.closeDuplicate,
    'missing-account': M.closeMissingAccount,
    'unknown-account': M.closeUnknownAccount,
    token: M.closeToken,
    role: M.closeRole,
  };
  const kind = closeReasonOf(code, reason);
  const byKind = kind ? byReason[kind] : undefined;
  if (byKind) return byKind;
  return code === 1006 ? M.close1006 : code === 1008 ? M.close1008 : code === 1011 ? M.close1011 : undefined;
}

function bodyNote(body: string | undefined): string {
  if (!body) return '';
  const oneLine = body.replace(/\s+/g, ' ').trim();
  return localize(PROBE_MESSAGES.bodyNote, { body: oneLine.length > 160 ? oneLine.slice(0, 160) + '…' : oneLine });
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
