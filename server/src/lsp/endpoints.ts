import { createHmac } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CancellationToken } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatVersion, KINDS, maskToken, maskUrl, uinFromFileName, type Adapter, type Analysis, type Catalogue } from '../core';
import {
  connectHost,
  describeResult,
  endpointOf,
  isFailure,
  probeAll,
  probeTargets,
  resultLabel,
  secretsOf,
  type ProbeTarget,
} from '../probe';
import type { ServerContext } from './context';
import { nodeRange, toRange } from './convert';
import { Analyses, type DocumentAnalysis } from './documents';
import { configLog } from './logWatch';
import type {
  ConfigInfo,
  EndpointInfo,
  EndpointLogInfo,
  EndpointResult,
  EndpointsParams,
  EndpointsResult,
  ProbeParams,
  ProbeRunResult,
} from './protocol';
import { EndpointsChangedNotification, ProbeResultNotification } from './protocol';
import { getLanguageService } from '../service/languageService';
import { uriPath } from '../service/selection';
import { localize } from '../wording';

const service = getLanguageService();

/**
 * `napcat/endpoints` and `napcat/probe` (see protocol.ts): the endpoints of NapCat configs, from
 * the same analyses as diagnostics, and probes of them run in this process. Open documents are
 * read with their unsaved edits; other files from disk, cached by modification time and size.
 */

const M = {
  legacyNotStarted: 'Not started by NapCat {version}: it reads only the network section, and this connection is written in a legacy section. "Rebuild" writes it as an entry NapCat starts; a test shows what it would do then.',
} satisfies Catalogue<string>;

/** A file this large is not read for the view (the analysis limit is far lower by default). */
const MAX_READ_BYTES = 256 * 1024 * 1024;
/** Files read at the same time for a listing (a workspace may name thousands). */
const READ_CONCURRENCY = 16;
const PROBE_TIMEOUT_MAX = 600_000;
const CONCURRENCY_MAX = 1024;

interface DiskEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly doc: TextDocument;
}

interface Loaded {
  readonly doc: TextDocument;
  readonly result: DocumentAnalysis;
  /** False when read from disk. */
  readonly open: boolean;
}

export class Endpoints {
  /** Analyses of files read from disk, apart from those of open documents (versions differ). */
  private readonly diskAnalyses: Analyses;
  private readonly disk = new Map<string, DiskEntry>();
  private diskVersion = 0;
  /** The client asked for endpoints once: it hears about changes from then on. */
  private subscribed = false;
  /** Open documents that were NapCat configs when last looked at. */
  private readonly known = new Set<string>();
  /** The log folder of each config described, for the notifications when its log changes. */
  private readonly logFolders = new Map<string, string>();

  constructor(private readonly ctx: ServerContext) {
    this.diskAnalyses = new Analyses(ctx.settings, ctx.log);
  }

  // --- napcat/endpoints

  async list(params: EndpointsParams | null | undefined): Promise<EndpointsResult> {
    this.subscribed = true;
    const uris = new Set<string>(Array.isArray(params?.uris) ? params.uris.filter((u): u is string => typeof u === 'string') : []);
    if (params?.openDocuments !== false) for (const doc of this.ctx.documents.all()) uris.add(doc.uri);
    const configs = await mapLimit([...uris], READ_CONCURRENCY, (uri) => this.describe(uri));
    return { configs: configs.filter((c): c is ConfigInfo => c !== undefined) };
  }

  private async describe(uri: string): Promise<ConfigInfo | undefined> {
    const first = await this.load(uri);
    if (!first) return undefined;
    const log = await configLog(this.ctx, uri);
    if (log) this.logFolders.set(uri, log.info.folder);
    else this.logFolders.delete(uri);
    // An open document's analysis is used in the turn it was taken in (documents.ts): taken again after the wait.
    const loaded = first.open ? await this.load(uri) : first;
    if (!loaded) return undefined;
    const { doc, result, open } = loaded;
    const { analysis } = result;
    const path = uriPath(uri);
    const fileName = path.slice(path.lastIndexOf('/') + 1) || uri;
    const targets = probeTargets(analysis, { file: path });
    const adapters = new Map<number, Adapter>(analysis.model.adapters.map((a) => [a.node.offset, a]));
    const adapterLogs = log?.adapters(analysis);
    return {
      uri,
      ...(open ? { version: doc.version } : {}),
      fileName,
      ...(uinFromFileName(path) !== undefined ? { uin: uinFromFileName(path) } : {}),
      ...service.describeFile(analysis),
      endpoints: targets.map((t) => this.endpointInfo(doc, analysis, t, adapters.get(t.range.offset), adapterLogs)),
      ...(log && { log: log.info }),
    };
  }

  private endpointInfo(doc: TextDocument, analysis: Analysis, target: ProbeTarget, adapter: Adapter | undefined, adapterLogs: ReadonlyMap<string, EndpointLogInfo> | undefined): EndpointInfo {
    const logInfo = adapterLogs?.get(target.id);
    const status = adapter ? service.adapterStatus(analysis, adapter) : undefined;
    const nameNode = adapter?.fields.get('name')?.value;
    const start = doc.positionAt(target.range.offset);
    const url = connectUrl(target);
    return {
      id: target.id,
      kind: target.kind,
      kindLabel: localize(KINDS[target.kind].label),
      name: target.name,
      enabled: target.enabled,
      starts: status ? status.starts : target.enabled && target.skip === undefined && !target.legacy,
      reasons: status
        ? status.reasons.map((r) => localize(r.message, r.args))
        : target.legacy
          ? [localize(M.legacyNotStarted, { version: formatVersion(analysis.version) })]
          : [],
      ...(target.legacy ? { legacy: true as const } : {}),
      ...(target.skip ? { skip: target.skip } : {}),
      endpoint: endpointOf(target),
      ...(url !== undefined ? { url } : {}),
      token: maskToken(target.token),
      ...(target.uin !== undefined ? { uin: target.uin } : {}),
      ...(target.endpointProblem ? { endpointProblem: target.endpointProblem } : {}),
      range: toRange(doc, target.range),
      selectionRange: nameNode ? nodeRange(doc, nameNode) : { start, end: start },
      fingerprint: this.fingerprint(target),
      ...(logInfo && { log: logInfo }),
    };
  }

  /** Keyed by the server's session: the same entry gives the same value, and nothing can be read back. */
  private fingerprint(t: ProbeTarget): string {
    const parts = [t.kind, t.url, t.host, t.port, t.token, t.verifyCertificate, t.enabled, t.skip, t.endpointProblem];
    return createHmac('sha256', this.ctx.session).update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
  }

  // --- napcat/probe

  async probe(params: ProbeParams, token: CancellationToken): Promise<ProbeRunResult> {
    const controller = new AbortController();
    const onCancel = token.onCancellationRequested(() => controller.abort());
    try {
      const selfId = typeof params.selfId === 'string' && /^\d+$/.test(params.selfId.trim()) ? params.selfId.trim() : undefined;
      const jobs: { uri: string; target: ProbeTarget; fingerprint: string }[] = [];
      const files = Array.isArray(params.targets) ? params.targets : [];
      for (const file of files) {
        if (typeof file?.uri !== 'string') continue;
        const loaded = await this.load(file.uri);
        if (!loaded) continue;
        const path = uriPath(file.uri);
        const wanted = Array.isArray(file.ids) ? new Set(file.ids) : undefined;
        for (const target of probeTargets(loaded.result.analysis, { file: path, uin: selfId })) {
          if (wanted && !wanted.has(target.id)) continue;
          jobs.push({ uri: file.uri, target, fingerprint: this.fingerprint(target) });
        }
      }
      const runId = typeof params.runId === 'string' ? params.runId : undefined;
      const view = (i: number, result: EndpointResult['result']): EndpointResult => {
        const { uri, target, fingerprint } = jobs[i];
        return {
          uri,
          id: target.id,
          name: target.name,
          kind: target.kind,
          fingerprint,
          endpoint: endpointOf(target),
          result,
          label: resultLabel(result),
          detail: describeResult(result, target),
          failed: isFailure(result),
        };
      };
      const outcomes = await probeAll(
        jobs.map((j) => j.target),
        {
          timeout: clamp(params.timeoutMs, 1, PROBE_TIMEOUT_MAX),
          concurrency: clamp(params.concurrency, 1, CONCURRENCY_MAX),
          includeDisabled: params.includeDisabled === true,
          signal: controller.signal,
          onResult: (outcome, i) => {
            if (runId === undefined) return;
            void this.ctx.connection.sendNotification(ProbeResultNotification.type, { runId, result: view(i, outcome.result) });
          },
        },
      );
      return { results: outcomes.map((o, i) => view(i, o.result)), cancelled: controller.signal.aborted };
    } finally {
      onCancel.dispose();
    }
  }

  // --- change notifications

  /** An open document changed: tell the client when it is (or was) a NapCat config. */
  async changed(doc: TextDocument): Promise<void> {
    if (!this.subscribed) return;
    const result = await this.ctx.analyses.get(doc);
    const was = this.known.has(doc.uri);
    if (result) this.known.add(doc.uri);
    else this.known.delete(doc.uri);
    if (result || was) await this.notify(doc.uri);
  }

  /** A document was closed: its endpoints now come from the file on disk, if any. */
  async closed(uri: string): Promise<void> {
    if (!this.subscribed) return;
    this.known.delete(uri);
    await this.notify(uri);
  }

  /** What the log in `folder` says changed: the configs whose log it is read differently. */
  logChanged(folder: string): void {
    if (!this.subscribed) return;
    for (const [uri, f] of this.logFolders) if (f === folder) void this.notify(uri);
  }

  /** Settings changed: every config may read differently. */
  async settingsChanged(): Promise<void> {
    if (!this.subscribed) return;
    await this.notify(undefined);
  }

  private async notify(uri: string | undefined): Promise<void> {
    try {
      await this.ctx.connection.sendNotification(EndpointsChangedNotification.type, uri === undefined ? {} : { uri });
    } catch (e) {
      this.ctx.log.error(`${EndpointsChangedNotification.method} failed`, e);
    }
  }

  // --- reading

  /** The analysis of `uri`: the open document, else the file on disk; undefined when not a NapCat config. */
  private async load(uri: string): Promise<Loaded | undefined> {
    const open = this.ctx.documents.get(uri);
    if (open) {
      const result = await this.ctx.analyses.get(open);
      return result ? { doc: open, result, open: true } : undefined;
    }
    const doc = await this.readDisk(uri);
    if (!doc) return undefined;
    const result = await this.diskAnalyses.get(doc);
    return result ? { doc, result, open: false } : undefined;
  }

  private async readDisk(uri: string): Promise<TextDocument | undefined> {
    let file: string;
    try {
      if (!uri.startsWith('file:')) return undefined;
      file = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile() || stat.size > MAX_READ_BYTES) return this.forget(uri);
      const cached = this.disk.get(uri);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.doc;
      const text = (await fs.readFile(file)).toString('utf8');
      const doc = TextDocument.create(uri, 'json', ++this.diskVersion, text);
      this.disk.set(uri, { mtimeMs: stat.mtimeMs, size: stat.size, doc });
      return doc;
    } catch {
      return this.forget(uri);
    }
  }

  private forget(uri: string): undefined {
    this.disk.delete(uri);
    this.diskAnalyses.delete(uri);
    return undefined;
  }
}

/**
 * A URL that reaches the entry from this machine, secrets masked: a client's URL as NapCat uses
 * it; for a server, `ws://` or `http://` on the address a local client connects to.
 */
function connectUrl(target: ProbeTarget): string | undefined {
  if (target.url !== undefined) return maskUrl(target.url, secretsOf(target));
  if (target.host === undefined || target.port === undefined) return undefined;
  const host = connectHost(target.host);
  const authority = host.includes(':') ? `[${host}]:${target.port}` : `${host}:${target.port}`;
  return `${target.kind === 'websocketServers' ? 'ws' : 'http'}://${authority}`;
}

function clamp(value: unknown, min: number, max: number): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** `items.map(fn)` with at most `limit` calls running at once; results in the order of `items`. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
