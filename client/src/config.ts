import * as vscode from 'vscode';

/**
 * Typed access to the `napcat.*` settings. The server reads them itself (per resource, through
 * `workspace/configuration`); the client only needs them for the initial options it sends.
 */
export const SECTION = 'napcat';

export interface SettingsSnapshot {
  readonly targetVersion: string;
  readonly files: readonly string[];
  readonly maxFileSize: number;
}

export class Config {
  constructor(private readonly scope?: vscode.ConfigurationScope) {}

  private get cfg(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SECTION, this.scope);
  }

  /** NapCat version whose behaviour diagnostics describe: `latest` or e.g. `4.17.44`. */
  get targetVersion(): string {
    return this.cfg.get<string>('targetVersion', 'latest');
  }

  /** Extra globs naming NapCat OneBot config files. */
  get files(): readonly string[] {
    const files = this.cfg.get<unknown>('files', []);
    return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [];
  }

  /** Files larger than this many MiB are not analysed. */
  get maxFileSize(): number {
    return this.cfg.get<number>('maxFileSize', 10);
  }

  /** The NapCat view groups adapters by kind (else one flat list per file). */
  get groupByKind(): boolean {
    return this.cfg.get<boolean>('endpoints.groupByKind', true) !== false;
  }

  /** "Test connection" code lenses above adapter entries. */
  get codeLensEnabled(): boolean {
    return this.cfg.get<boolean>('codeLens.enabled', true) !== false;
  }

  /** The status bar item "NapCat n/m". */
  get statusBarEnabled(): boolean {
    return this.cfg.get<boolean>('statusBar.enabled', true) !== false;
  }

  /** Milliseconds before one probe gives up. */
  get probeTimeoutMs(): number {
    return positiveInteger(this.cfg.get<unknown>('probe.timeoutMs'), 5000);
  }

  /** Probes running at the same time. */
  get probeConcurrency(): number {
    return positiveInteger(this.cfg.get<unknown>('probe.concurrency'), 64);
  }

  /** X-Self-ID for configs whose file name has no QQ number; undefined when unset. */
  get selfId(): string | undefined {
    const v = this.cfg.get<unknown>('selfId', '');
    const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
    return /^\d+$/.test(text) ? text : undefined;
  }

  /** `.log` files that look like NapCat logs get the NapCat Log language. */
  get logsDetect(): boolean {
    return this.cfg.get<boolean>('logs.detect', true) !== false;
  }

  snapshot(): SettingsSnapshot {
    return { targetVersion: this.targetVersion, files: this.files, maxFileSize: this.maxFileSize };
  }
}

function positiveInteger(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}
