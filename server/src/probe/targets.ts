import { atLeast, effectiveValue, KINDS, uinFromFileName, type Adapter, type Analysis, type LegacyConnection } from '../core';
import { coerce } from '../core/coerce';
import { Runtime, startup, type Endpoint } from '../core/rules/runtime';
import type { BadUrlProblem, ProbeTarget, SkipReason } from './types';

export interface TargetOptions {
  /** The config's file name or path: its `onebot11_<uin>.json` gives X-Self-ID. */
  readonly file?: string;
  /** X-Self-ID when the file name carries no uin. */
  readonly uin?: string;
}

/**
 * The probe targets of an analysed config, in file order: one per adapter entry of `network`
 * (plugins and entries NapCat never reads included, marked `skip`), with the values NapCat uses at
 * the analysis' target version (defaults filled, values converted as NapCat converts them). For a
 * target version that still reads the legacy shapes (L1 before v4.1.0, F0 before v1.6.0), the
 * connections of those sections follow. Never throws.
 */
export function probeTargets(analysis: Analysis, options: TargetOptions = {}): ProbeTarget[] {
  const { model, version } = analysis;
  const uin = (options.file !== undefined ? uinFromFileName(options.file) : undefined) ?? options.uin;
  const { replaced, endpoints } = startup(model);
  const byAdapter = new Map<Adapter, Endpoint>(endpoints.map((e) => [e.adapter, e]));
  const rt = new Runtime(version);
  const out: ProbeTarget[] = [];

  for (const adapter of model.adapters) {
    const base = {
      id: adapter.origin === 'network' ? `${adapter.kind}[${adapter.index}]` : `reverseWs.connections[${adapter.index}]`,
      file: options.file,
      kind: adapter.kind,
      name: adapter.effectiveName,
      enabled: adapter.enabled,
      uin,
      range: { offset: adapter.node.offset, length: adapter.node.length },
    };
    let skip: SkipReason | undefined;
    if (adapter.kind === 'plugins') skip = 'plugin';
    else if (adapter.origin !== 'network') skip = 'not-read';
    const token = tokenOf(effectiveValue(adapter, 'token', version));
    const endpoint = byAdapter.get(adapter);
    if (endpoint && replaced.has(endpoint)) skip = 'replaced';

    if (KINDS[adapter.kind].role === 'client') {
      const url = effectiveValue(adapter, 'url', version);
      const verify = effectiveValue(adapter, 'verifyCertificate', version);
      out.push({
        ...base,
        skip,
        token,
        url: typeof url === 'string' ? url : undefined,
        endpointProblem: typeof url === 'string' ? undefined : 'missing',
        verifyCertificate: verify !== false,
      });
    } else if (KINDS[adapter.kind].role === 'server' && endpoint) {
      const host = rt.listenHost(endpoint);
      const port = rt.listenPort(endpoint);
      out.push({ ...base, skip, token, host, port, endpointProblem: serverProblem(host, port), verifyCertificate: true });
    } else {
      out.push({ ...base, skip, token, verifyCertificate: true });
    }
  }

  // The connections of legacy sections: started by a target version that still reads them (L1
  // before v4.1.0, F0 before v1.6.0), else listed as not started — what "Rebuild" would turn
  // them into, probed as the rebuilt entry would connect. reverseWs.connections entries are
  // adapters of their own (never read by NapCat).
  const legacyToken = tokenOf(valueOfTop(analysis, 'token'));
  for (const part of model.legacy) {
    if (part.form === 'reverseWs-connections') continue;
    const read = !atLeast(version, '4.1.0') && (part.form === 'L1' || (part.form === 'F0' && !atLeast(version, '1.6.0')));
    for (const c of part.connections) out.push(legacyTarget(c, legacyToken, uin, options.file, !read));
  }
  return out;
}

function legacyTarget(c: LegacyConnection, token: string, uin: string | undefined, file: string | undefined, notStarted: boolean): ProbeTarget {
  const base = {
    id: c.path,
    file,
    kind: c.kind,
    name: c.path,
    enabled: c.enabled,
    ...(notStarted ? { legacy: true as const } : {}),
    token,
    uin,
    verifyCertificate: true,
    range: { offset: c.node.offset, length: c.node.length },
  };
  if (KINDS[c.kind].role === 'client') return { ...base, url: c.url, endpointProblem: c.url === undefined ? 'missing' : undefined };
  return { ...base, host: c.host, port: c.port, endpointProblem: serverProblem(c.host, c.port) };
}

function serverProblem(host: string | undefined, port: number | undefined): BadUrlProblem | undefined {
  if (host === undefined) return 'missing';
  if (port === undefined || !Number.isInteger(port) || port < 1 || port > 65535) return 'port';
  return undefined;
}

/** A token as NapCat compares it: a string, or a scalar converted to one; anything else is none. */
function tokenOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  const c = coerce(value, 'string');
  return c.ok ? String(c.value) : '';
}

function valueOfTop(analysis: Analysis, key: string): unknown {
  const v = analysis.model.topLevel.get(key)?.value;
  return v && v.type !== 'object' && v.type !== 'array' ? v.value : undefined;
}
