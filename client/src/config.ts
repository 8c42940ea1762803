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

  snapshot(): SettingsSnapshot {
    return { targetVersion: this.targetVersion, files: this.files, maxFileSize: this.maxFileSize };
  }
}
