import { probeHttpClient, probeHttpServer } from './http';
import { maskUrl } from '../core/secrets';
import { endpointOf, secretsOf } from './messages';
import { PROBE_DEFAULTS, type ProbeOptions, type ProbeResult, type ProbeTarget } from './types';
import { probeReverseWs, probeWsServer } from './websocket';

/**
 * Probes one target the way NapCat or its counterpart connects to it:
 *  - websocketClients: a WebSocket to the URL with NapCat's headers and token, as a test account
 *    (a bot that is online is never taken over), closed with 1000 once open;
 *  - websocketServers: a WebSocket to `/api` on the listen address, `get_version_info` and
 *    `get_login_info`;
 *  - httpServers, httpSseServers: `POST /get_version_info` and `/get_login_info`;
 *  - httpClients: one `HEAD` request to the URL (no event is ever sent).
 * Disabled, replaced, plugin and unread entries are `skipped` without any connection.
 *
 * Never throws or rejects; answers within `timeout` (plus the time to close sockets), and at once
 * when `signal` aborts.
 */
export async function probe(target: ProbeTarget, options: ProbeOptions = {}): Promise<ProbeResult> {
  try {
    if (target.skip === 'plugin' || target.skip === 'not-read') return { kind: 'skipped', latencyMs: 0, reason: target.skip };
    if (!options.includeDisabled) {
      if (!target.enabled) return { kind: 'skipped', latencyMs: 0, reason: 'disabled' };
      if (target.skip === 'replaced') return { kind: 'skipped', latencyMs: 0, reason: 'replaced' };
    }
    const secrets = secretsOf(target);
    if (target.endpointProblem) {
      const text = target.url !== undefined ? maskUrl(target.url, secrets) : endpointOf(target);
      return { kind: 'bad-url', latencyMs: 0, problem: target.endpointProblem, text };
    }
    if (options.signal?.aborted) return { kind: 'cancelled', latencyMs: 0 };
    const timeout = Math.max(1, Math.floor(options.timeout ?? PROBE_DEFAULTS.timeout));
    const params = { timeout, signal: options.signal, token: target.token, secrets, ca: options.ca };
    switch (target.kind) {
      case 'websocketClients':
        return await probeReverseWs(target.url ?? '', target.uin ?? options.uin, target.verifyCertificate, options.linger ?? PROBE_DEFAULTS.linger, {
          ...params,
          asAccount: options.asAccount,
        });
      case 'websocketServers':
        return await probeWsServer(target.host ?? '', target.port ?? 0, params);
      case 'httpServers':
      case 'httpSseServers':
        return await probeHttpServer(target.host ?? '', target.port ?? 0, params);
      case 'httpClients':
        return await probeHttpClient(target.url ?? '', target.verifyCertificate, params);
      case 'plugins':
        return { kind: 'skipped', latencyMs: 0, reason: 'plugin' };
    }
  } catch (e) {
    // A bug of ours, not the endpoint's: still an answer, never an exception.
    return { kind: 'error', latencyMs: 0, address: endpointOf(target), code: 'EINTERNAL', detail: e instanceof Error ? e.message : String(e) };
  }
}

export interface ProbeAllOptions extends ProbeOptions {
  /** Probes running at the same time (default 64). */
  readonly concurrency?: number;
  /** Called as each probe ends, in completion order (progress, live updates). */
  readonly onResult?: (outcome: ProbeOutcome, index: number) => void;
}

export interface ProbeOutcome {
  readonly target: ProbeTarget;
  readonly result: ProbeResult;
}

/**
 * Probes every target, at most `concurrency` at a time, and returns the outcomes in the order of
 * `targets`. Probes mostly wait, so n targets take about ⌈silent targets / concurrency⌉ timeouts,
 * not n. Reverse WebSocket targets with the same URL run one after the other, so one framework
 * never sees two tests at once. Never rejects.
 */
export async function probeAll(targets: readonly ProbeTarget[], options: ProbeAllOptions = {}): Promise<ProbeOutcome[]> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? PROBE_DEFAULTS.concurrency));
  const outcomes: ProbeOutcome[] = new Array(targets.length);
  const jobs: number[][] = [];
  const chains = new Map<string, number[]>();
  targets.forEach((target, i) => {
    const key = serialKey(target, options);
    if (key === undefined) {
      jobs.push([i]);
      return;
    }
    const chain = chains.get(key);
    if (chain) chain.push(i);
    else {
      const fresh = [i];
      chains.set(key, fresh);
      jobs.push(fresh);
    }
  });
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      for (const i of job) {
        const outcome = { target: targets[i], result: await probe(targets[i], options) };
        outcomes[i] = outcome;
        try {
          options.onResult?.(outcome, i);
        } catch {
          // A listener's failure must not stop the other probes.
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return outcomes;
}

/** Targets that must not be probed at the same time share a key. */
function serialKey(target: ProbeTarget, options: ProbeOptions): string | undefined {
  if (target.kind !== 'websocketClients' || target.url === undefined) return undefined;
  return options.asAccount ? `${target.url.trim()}\n${target.uin ?? options.uin ?? ''}` : target.url.trim();
}
