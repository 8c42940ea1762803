import type { Connection, DidChangeConfigurationParams } from 'vscode-languageserver';
import { DEFAULT_MAX_LENGTH, LATEST, formatVersion, parseVersion, type Catalogue, type Version } from '../core';
import type { Logger } from './guard';
import { localize } from '../wording';

/**
 * The `napcat.*` settings: read per resource through `workspace/configuration` when the client
 * supports it, else from `initializationOptions.settings` and `workspace/didChangeConfiguration`;
 * `initializationOptions.settings` also stands in when `workspace/configuration` has no section.
 * Raw values are normalised once; a bad value falls back to its default (logged once).
 */

export const SETTINGS_SECTION = 'napcat';

export interface NapCatSettings {
  /** `napcat.targetVersion`, parsed; `latest` (or an unparsable value) gives the newest version. */
  readonly targetVersion: Version;
  /** `napcat.files`: extra globs naming NapCat configs. */
  readonly files: readonly string[];
  /** `napcat.maxFileSize` in UTF-16 code units (the analysis cap); 0 means no cap. */
  readonly maxLength: number;
  /** `napcat.logFolder`: where NapCat's logs are, as written ('' for `logs/` beside the config folder). Not part of `key`: no analysis reads it. */
  readonly logFolder: string;
  /** Identifies these values; part of the analysis cache key and of pull diagnostic result ids. */
  readonly key: string;
}

const MIB = 1024 * 1024;

const M = {
  badVersion: 'napcat.targetVersion: cannot read the version {value}; using the latest ({latest}).',
  versionType: 'napcat.targetVersion: expected a string such as "4.17.44" or "latest", got {value}; using the latest.',
  maxFileSize: 'napcat.maxFileSize: expected a number of MiB >= 0, got {value}; using 10.',
  logFolder: 'napcat.logFolder: expected a path, got {value}; using the logs folder beside the config folder.',
} satisfies Catalogue<string>;

export const DEFAULT_SETTINGS: NapCatSettings = makeSettings(LATEST, [], DEFAULT_MAX_LENGTH, '');

function makeSettings(targetVersion: Version, files: readonly string[], maxLength: number, logFolder: string): NapCatSettings {
  return { targetVersion, files, maxLength, logFolder, key: JSON.stringify([formatVersion(targetVersion), files, maxLength]) };
}

/** Turns the raw `napcat` section (any JSON) into settings; `warn` hears about each bad value. */
export function normalizeSettings(raw: unknown, warn: (message: string) => void): NapCatSettings {
  const section = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};

  let targetVersion = LATEST;
  const tv = section.targetVersion;
  if (typeof tv === 'string') {
    const parsed = parseVersion(tv);
    if (parsed) targetVersion = parsed;
    else warn(localize(M.badVersion, { value: JSON.stringify(tv), latest: formatVersion(LATEST) }));
  } else if (tv !== undefined && tv !== null) {
    warn(localize(M.versionType, { value: JSON.stringify(tv) }));
  }

  const filesRaw = typeof section.files === 'string' ? [section.files] : section.files;
  const files = Array.isArray(filesRaw)
    ? filesRaw.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map((g) => g.trim())
    : [];

  let maxLength = DEFAULT_MAX_LENGTH;
  const mib = section.maxFileSize;
  if (typeof mib === 'number' && Number.isFinite(mib) && mib >= 0) maxLength = Math.round(mib * MIB);
  else if (mib !== undefined && mib !== null) warn(localize(M.maxFileSize, { value: JSON.stringify(mib) }));

  let logFolder = '';
  const lf = section.logFolder;
  if (typeof lf === 'string') logFolder = lf.trim();
  else if (lf !== undefined && lf !== null) warn(localize(M.logFolder, { value: JSON.stringify(lf) }));

  return makeSettings(targetVersion, files, maxLength, logFolder);
}

/** Settings per document, cached until the next `workspace/didChangeConfiguration`. */
export class SettingsStore {
  private global: NapCatSettings;
  private readonly perResource = new Map<string, Promise<NapCatSettings>>();
  /** Each bad value is reported once per session, not once per document or per change. */
  private readonly warned = new Set<string>();

  /**
   * @param connection used for `workspace/configuration` when `pullConfiguration` is true.
   * @param initial the `napcat` section given in `initializationOptions.settings`, if any.
   */
  constructor(
    private readonly connection: Connection,
    private readonly pullConfiguration: boolean,
    private readonly log: Logger,
    initial: unknown,
  ) {
    this.global = this.normalize(initial);
  }

  /** The settings that apply to the document `uri`. Never rejects. */
  get(uri: string): Promise<NapCatSettings> {
    if (!this.pullConfiguration) return Promise.resolve(this.global);
    let settings = this.perResource.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        // A client without a `napcat` section answers null (Neovim 0.7, whose settings reach the
        // server only as `init_options.settings`): the settings given at start apply.
        (raw: unknown) => (raw === null || raw === undefined ? this.global : this.normalize(raw)),
        (e: unknown) => {
          this.log.error(`workspace/configuration failed for ${uri}; using defaults`, e);
          return this.global;
        },
      );
      this.perResource.set(uri, settings);
    }
    return settings;
  }

  /** Forgets cached values; without `workspace/configuration`, takes the pushed `napcat` section. */
  changed(params: DidChangeConfigurationParams): void {
    this.perResource.clear();
    if (this.pullConfiguration) return;
    const settings: unknown = params.settings;
    if (settings !== null && typeof settings === 'object' && SETTINGS_SECTION in settings) {
      this.global = this.normalize((settings as Record<string, unknown>)[SETTINGS_SECTION]);
    }
  }

  /** Drops what is cached for a closed document. */
  forget(uri: string): void {
    this.perResource.delete(uri);
  }

  private normalize(raw: unknown): NapCatSettings {
    return normalizeSettings(raw, (message) => {
      if (this.warned.has(message)) return;
      this.warned.add(message);
      this.log.warn(message);
    });
  }
}
