/// <reference lib="dom" />
/**
 * Drives a real VS Code (code-server, installed by setup.mjs) in Debian's Chromium through
 * playwright-core. Used by the e2e scenarios and by `npm run demo`.
 *
 * One `VsCode` is one code-server process (own process group, own user-data and extensions
 * folders, the extension installed from its .vsix the way users install it) plus one browser page
 * on it. `close()` ends both and removes the temporary folders, also after a failure.
 *
 * Every wait is on state (a DOM selector, a text, a file on disk) with a timeout; nothing sleeps.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const E2E_DIR = path.join(ROOT, 'test', 'e2e');
export const FIXTURES = path.join(E2E_DIR, 'fixtures');
export const ARTIFACTS = path.join(E2E_DIR, 'artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Chromium as root in a container, with no traffic of its own to the (closed) outside network. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** Settings that take the workbench's own noise (welcome page, trust dialog, tips, network) away. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.editor.enablePreview': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'json.schemaDownload.enable': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'npm.autoDetect': 'off',
  'editor.minimap.enabled': false,
  'editor.formatOnSave': false,
  'files.autoSave': 'off',
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
};

// ---------------------------------------------------------------------------------------------
// Install and build

let codeServerDir: string | undefined;

/**
 * Runs test/e2e/setup.mjs (idempotent) and returns code-server's folder. Throws its message.
 * `browser: false` leaves Chromium out of its checks (the demo is opened in the user's browser).
 */
export function ensureCodeServer({ browser = true }: { browser?: boolean } = {}): string {
  if (codeServerDir) return codeServerDir;
  const r = spawnSync(process.execPath, [path.join(E2E_DIR, 'setup.mjs'), ...(browser ? [] : ['--no-browser'])], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`test/e2e/setup.mjs failed:\n${r.stderr}${r.stdout}`);
  codeServerDir = r.stdout.trim().split('\n').pop()!;
  return codeServerDir;
}

let vsix: string | undefined;

/** What a copy of the work tree for packaging leaves out (node_modules is linked, not copied). */
const NOT_COPIED = new Set(['.git', 'node_modules', '.cache', 'out', 'dist', 'napcat-config.vsix']);

/**
 * Builds the extension's .vsix with `npm run package` (once per process) and returns its path.
 * It runs in a copy of the work tree, so the repository's own dist/ (which other test suites run
 * at the same time) is never rewritten under them.
 */
export function buildVsix(): string {
  if (vsix) return vsix;
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-vsix-'));
  process.once('exit', () => fs.rmSync(stage, { recursive: true, force: true }));
  for (const entry of fs.readdirSync(ROOT)) {
    if (NOT_COPIED.has(entry)) continue;
    fs.cpSync(path.join(ROOT, entry), path.join(stage, entry), {
      recursive: true,
      filter: (src) => !src.startsWith(ARTIFACTS),
    });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'));
  const r = spawnSync('npm', ['run', 'package'], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const built = path.join(stage, 'napcat-config.vsix');
  if (r.status !== 0 || !fs.existsSync(built)) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
  return (vsix = built);
}

let languagePackVsix: string | undefined;

/**
 * A zh-cn language pack for the workbench, packaged from fixtures/language-pack-zh-cn. VS Code's
 * real packs come from the Marketplace, which is out of reach; this one translates nothing, but
 * with it installed VS Code's display language (`vscode.env.language`) is zh-cn, which is what the
 * extension reads.
 */
export function buildLanguagePack(): string {
  if (languagePackVsix) return languagePackVsix;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-langpack-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const out = path.join(dir, 'language-pack-zh-cn.vsix');
  const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['package', '--allow-missing-repository', '--skip-license', '--out', out], {
    cwd: path.join(FIXTURES, 'language-pack-zh-cn'),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`packaging the zh-cn language pack failed:\n${r.stdout}\n${r.stderr}`);
  return (languagePackVsix = out);
}

// ---------------------------------------------------------------------------------------------
// Processes

const groups = new Set<number>();

function killAllGroups(): void {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

// Last resort after a crash or an interrupted run: no code-server outlives this process.
process.once('exit', killAllGroups);
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.on(signal, () => {
    // A program with its own handler (the demo) cleans up itself and then exits.
    if (process.listenerCount(signal) > 1) return;
    killAllGroups();
    process.exit(code);
  });
}

/** A clean environment for code-server: nothing of an outer VS Code or test runner leaks in. */
function childEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('VSCODE_') || k.startsWith('NODE_TEST') || k === 'NODE_OPTIONS' || k === 'ELECTRON_RUN_AS_NODE') continue;
    env[k] = v;
  }
  env.XDG_CONFIG_HOME = path.join(home, 'config');
  env.XDG_DATA_HOME = path.join(home, 'data');
  env.XDG_CACHE_HOME = path.join(home, 'cache');
  return env;
}

function runCodeServerCli(dir: string, args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(process.execPath, [path.join(dir, 'out', 'node', 'entry.js'), ...args], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  if (r.status !== 0 || (args.includes('--install-extension') && !/successfully installed/.test(r.stdout))) {
    throw new Error(`code-server ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

export interface CodeServerOptions {
  /** The folder to open. */
  readonly workspace: string;
  /** Settings on top of QUIET_SETTINGS. */
  readonly settings?: Record<string, unknown>;
  /** VS Code's display language; 'zh-cn' installs the fixture language pack. */
  readonly locale?: 'en' | 'zh-cn';
  /** 127.0.0.1 port; 0 (default) lets the system choose a free one. */
  readonly port?: number;
  /** Whether Chromium must be there too (default true; the demo is opened in the user's browser). */
  readonly browser?: boolean;
}

/** A running code-server with the extension installed. */
export class CodeServer {
  private exited = false;
  private readonly exitPromise: Promise<void>;

  private constructor(
    readonly url: string,
    readonly home: string,
    readonly userDataDir: string,
    private readonly proc: ChildProcess,
    private readonly log: string[],
  ) {
    this.exitPromise = new Promise((resolve) => proc.once('exit', () => resolve()));
    proc.once('exit', () => {
      this.exited = true;
      if (proc.pid) groups.delete(proc.pid);
    });
  }

  static async start(options: CodeServerOptions): Promise<CodeServer> {
    const dir = ensureCodeServer({ browser: options.browser ?? true });
    const extension = buildVsix();
    // Short path: code-server puts a unix socket in the user-data folder.
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'napcat-e2e-'));
    const userDataDir = path.join(home, 'ud');
    const extensionsDir = path.join(home, 'ext');
    const config = path.join(home, 'config.yaml');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2),
    );
    const env = childEnv(home);
    const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
    const extensions = [extension];
    if (options.locale === 'zh-cn') extensions.push(buildLanguagePack());
    for (const vsixPath of extensions) runCodeServerCli(dir, [...common, '--install-extension', vsixPath], env);
    if (options.locale === 'zh-cn') registerLanguagePack(userDataDir, extensionsDir);

    const args = [
      path.join(dir, 'out', 'node', 'entry.js'),
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${options.port ?? 0}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--ignore-last-opened',
      ...(options.locale ? ['--locale', options.locale] : []),
      options.workspace,
    ];
    // Workspace trust is on only when the settings ask for it.
    if (options.settings?.['security.workspace.trust.enabled'] === true) args.splice(args.indexOf('--disable-workspace-trust'), 1);
    const proc = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    if (proc.pid) groups.add(proc.pid);
    const log: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${log.join('')}`)), 60_000);
      const onData = (chunk: Buffer) => {
        log.push(chunk.toString());
        if (log.length > 2000) log.splice(0, 1000);
        const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(log.join(''));
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited (${code ?? signal}) before serving:\n${log.join('')}`));
      });
    }).catch(async (e: unknown) => {
      killGroup(proc);
      fs.rmSync(home, { recursive: true, force: true });
      throw e;
    });
    return new CodeServer(url, home, userDataDir, proc, log);
  }

  /** Calls `listener` when code-server exits (on its own or after `stop()`). */
  onExit(listener: () => void): void {
    if (this.exited) listener();
    else void this.exitPromise.then(listener);
  }

  /** The last lines code-server wrote. */
  logTail(lines = 40): string {
    return this.log.join('').split('\n').slice(-lines).join('\n');
  }

  /** The processes running the NapCat language server of this code-server (its extensions folder's `dist/server.js`). */
  languageServerPids(): number[] {
    const server = path.join(this.home, 'ext') + path.sep;
    const pids: number[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let args: string[];
      try {
        args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      } catch {
        continue; // exited meanwhile
      }
      if (args.some((a) => a.startsWith(server) && a.endsWith(`${path.sep}dist${path.sep}server.js`))) pids.push(Number(entry));
    }
    return pids;
  }

  /** The text of an extension's output channel, as VS Code logs it under the user-data folder. */
  outputChannelLog(channel: string): string | undefined {
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (entry.name === `${channel}.log`) found.push(p);
      }
    };
    try {
      walk(path.join(this.userDataDir, 'logs'));
    } catch {
      return undefined;
    }
    return found.length > 0 ? found.map((f) => fs.readFileSync(f, 'utf8')).join('\n') : undefined;
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      killGroup(this.proc, 'SIGTERM');
      const timer = setTimeout(() => killGroup(this.proc, 'SIGKILL'), 5_000);
      await this.exitPromise;
      clearTimeout(timer);
    }
    // The extension host and the language server are in the same group; make sure of it.
    killGroup(this.proc, 'SIGKILL');
    fs.rmSync(this.home, { recursive: true, force: true, maxRetries: 3 });
  }
}

function killGroup(proc: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (!proc.pid) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    /* already gone */
  }
}

/**
 * Writes the language-pack index that VS Code keeps in the user-data folder. VS Code writes it
 * when a pack is installed from the running workbench; `--install-extension` does not, so the
 * server would not find the pack.
 */
function registerLanguagePack(userDataDir: string, extensionsDir: string): void {
  const folder = fs.readdirSync(extensionsDir).find((f) => f.startsWith('napcat-config-e2e.e2e-language-pack-zh-cn-'));
  if (!folder) throw new Error(`the zh-cn language pack is not in ${extensionsDir}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionsDir, folder, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  const id = `${manifest.publisher}.${manifest.name}`;
  const index = {
    'zh-cn': {
      hash: createHash('md5').update(`${id}@${manifest.version}`).digest('hex'),
      label: '中文(简体)',
      extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
      translations: { vscode: path.join(extensionsDir, folder, 'translations', 'main.i18n.json') },
    },
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(index));
}

// ---------------------------------------------------------------------------------------------
// Browser

let browser: Browser | undefined;

/** One headless Chromium per process (each VsCode gets its own context, so its own profile). */
export async function launchBrowser(): Promise<Browser> {
  if (browser?.isConnected()) return browser;
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}. On Debian: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  // playwright-core starts Chromium with a fresh temporary --user-data-dir of its own.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, chromiumSandbox: false });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  const b = browser;
  browser = undefined;
  await withTimeout(b?.close() ?? Promise.resolve(), T.short).catch(() => undefined);
}

/** `promise`, or a rejection after `ms` (teardown must never hang a run). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------
// The workbench

/** One marker row of the Problems panel. */
export interface Problem {
  readonly file: string;
  readonly severity: 'error' | 'warning' | 'info' | 'hint' | string;
  readonly message: string;
  readonly source: string;
  readonly code: string;
  readonly line: number;
  readonly column: number;
}

const T = { short: 10_000, normal: 30_000, long: 60_000 } as const;

export class VsCode {
  private constructor(
    readonly server: CodeServer,
    readonly page: Page,
    readonly workspace: string,
  ) {}

  /** Starts code-server on `options.workspace` and opens it in the browser. */
  static async open(options: CodeServerOptions): Promise<VsCode> {
    const server = await CodeServer.start(options);
    try {
      const b = await launchBrowser();
      const context = await b.newContext({ viewport: { width: 1440, height: 960 }, locale: options.locale ?? 'en' });
      context.setDefaultTimeout(T.normal);
      const page = await context.newPage();
      const vscode = new VsCode(server, page, options.workspace);
      await page.goto(`${server.url}/?folder=${encodeURIComponent(options.workspace)}`);
      await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: T.long });
      await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: T.normal });
      return vscode;
    } catch (e) {
      await server.stop();
      throw e;
    }
  }

  async close(): Promise<void> {
    await withTimeout(this.page.context().close(), T.short).catch(() => undefined);
    await this.server.stop();
  }

  // --- keyboard-level helpers ------------------------------------------------------------------

  /**
   * Ctrl+P, the file name, Enter: opens a workspace file and waits for its editor. `query` is what
   * is typed (default: the name), e.g. the absolute path of a file outside the workspace.
   */
  async openFile(name: string, query: string = name): Promise<void> {
    const { page } = this;
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: T.short });
    await input.fill(query);
    await page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name })
      .first()
      .waitFor({ timeout: T.normal });
    await page.keyboard.press('Enter');
    await page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).waitFor({ timeout: T.normal });
    await page.locator('.editor-instance .monaco-editor').first().waitFor({ timeout: T.normal });
  }

  /** Runs a command from the command palette by its exact title. */
  async runCommand(title: string): Promise<void> {
    const { page } = this;
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: T.short });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: T.normal });
    await row.click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: T.short });
  }

  /** Ctrl+G to `line:column` (1-based) and waits until the cursor is there. */
  async goTo(line: number, column: number): Promise<void> {
    const { page } = this;
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: T.short });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: T.short });
    await page
      .locator('.statusbar-item', { hasText: new RegExp(`^\\s*Ln ${line}, Col ${column}\\s*$`) })
      .first()
      .waitFor({ timeout: T.short });
  }

  /**
   * Ctrl+. at the cursor; resolves with the action list once it shows. It first waits for the
   * light bulb at the cursor: VS Code's own automatic code-action request after a cursor move (or
   * a diagnostics change) replaces a menu opened before it answers, exactly as it would for a very
   * fast user. When the menu does not show, it says why (or retries once after such a replacement).
   */
  private async openCodeActions(): Promise<Locator> {
    const { page } = this;
    await page
      .waitForFunction(
        () => {
          const bulb = document.querySelector<HTMLElement>('.part.editor .editor-instance .lightBulbWidget');
          const cursor = document.querySelector<HTMLElement>('.part.editor .editor-instance .cursor');
          return !!bulb && !!cursor && bulb.style.visibility !== 'hidden' && bulb.style.display !== 'none' && bulb.style.top === cursor.style.top;
        },
        undefined,
        { timeout: T.short },
      )
      .catch(() => undefined); // no light bulb: Ctrl+. will say "No code actions available"
    const widget = page.locator('.action-widget');
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+.');
      try {
        await widget.waitFor({ state: 'visible', timeout: T.short });
        return widget;
      } catch (e) {
        const hint = await page.locator('.monaco-editor-overlaymessage').innerText().catch(() => '');
        if (attempt >= 2) throw new Error(`Ctrl+. showed no code actions${hint ? ` (the editor said: ${hint.trim()})` : ''}`, { cause: e });
        await page.keyboard.press('Escape');
      }
    }
  }

  /**
   * Ctrl+. at the cursor, then the code action with exactly this title (`screenshot`: a picture of
   * the open menu first). Throws with the titles on offer when it is not among them.
   */
  async quickFix(title: string, options: { screenshot?: string } = {}): Promise<void> {
    const { page } = this;
    const widget = await this.openCodeActions();
    if (options.screenshot) await this.screenshot(options.screenshot);
    const labels = () => widget.locator('.monaco-list-row.action').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    const offered = await labels();
    if (!offered.includes(title)) {
      await page.keyboard.press('Escape');
      throw new Error(`no code action '${title}' here; offered: ${JSON.stringify(offered)}`);
    }
    // By keyboard, as users do: the list opens with its first action focused (a mouse click right
    // after opening lands on VS Code's pointer guard).
    const focused = () => widget.locator('.monaco-list-row.action.focused').getAttribute('aria-label', { timeout: T.short });
    for (let i = 0; i <= offered.length && (await focused()) !== title; i++) {
      const before = await focused();
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(
        (prev) => document.querySelector('.action-widget .monaco-list-row.action.focused')?.getAttribute('aria-label') !== prev,
        before,
        { timeout: T.short },
      );
    }
    if ((await focused()) !== title) throw new Error(`could not focus the code action '${title}'`);
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: T.short });
  }

  /** The titles Ctrl+. offers at the cursor (and closes the menu again). */
  async codeActionTitles(): Promise<string[]> {
    const widget = await this.openCodeActions();
    const titles = await widget
      .locator('.monaco-list-row.action')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    await this.page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: T.short });
    return titles;
  }

  /** Ctrl+S and waits until the active tab is no longer dirty. */
  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.active:not(.dirty)').waitFor({ timeout: T.normal });
  }

  /** Waits until the active tab has unsaved changes (an edit was applied). */
  async waitDirty(): Promise<void> {
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ timeout: T.normal });
  }

  // --- Problems panel --------------------------------------------------------------------------

  /** Shows the Problems panel (Ctrl+Shift+M toggles it, so only when it is not showing). */
  async showProblems(): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    if (await panel.isVisible()) return;
    await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: T.short });
  }

  /** The marker rows the Problems panel shows now (related-information rows left out). */
  async problems(): Promise<Problem[]> {
    await this.showProblems();
    return this.page.evaluate(readProblems);
  }

  /**
   * Waits until the Problems rows satisfy `predicate` and returns them. On timeout, the error
   * names the rows last seen.
   */
  async waitForProblems(predicate: (rows: Problem[]) => boolean, what: string, timeout: number = T.normal): Promise<Problem[]> {
    await this.showProblems();
    const deadline = Date.now() + timeout;
    let rows: Problem[] = [];
    // The panel re-renders on every diagnostics change: read the rows and the panel's text in one
    // go, then wait for that text to change before reading again.
    for (;;) {
      const seen = await this.page.evaluate(
        `(() => ({ rows: (${readProblems.toString()})(), text: document.querySelector('.markers-panel')?.textContent ?? '' }))()`,
      );
      ({ rows } = seen as { rows: Problem[]; text: string });
      if (predicate(rows)) return rows;
      const left = deadline - Date.now();
      if (left <= 0) break;
      await this.page
        .waitForFunction((before) => (document.querySelector('.markers-panel')?.textContent ?? '') !== before, (seen as { text: string }).text, {
          timeout: left,
        })
        .catch(() => undefined);
    }
    throw new Error(`Problems panel: timed out waiting for ${what}; rows:\n${rows.map(formatProblem).join('\n') || '(none)'}`);
  }

  // --- activity bar and views ----------------------------------------------------------------

  /** Clicks the activity-bar entry whose aria-label starts with `title` and waits for its view. */
  async openViewContainer(title: string): Promise<void> {
    const item = this.page.locator(`.part.activitybar .action-item a.action-label[aria-label^="${cssString(title)}"]`).first();
    await item.waitFor({ timeout: T.normal });
    await item.click();
    await this.page.locator('.part.sidebar .composite.title', { hasText: title.toUpperCase() }).first().waitFor({ timeout: T.normal });
  }

  /** Drags the side bar's edge until it is `width` pixels wide (long tree descriptions stay readable). */
  async resizeSideBar(width: number): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box) throw new Error('no side bar to resize');
    const edge = box.x + box.width;
    const sashes = await this.page.locator('.monaco-sash.vertical').all();
    for (const sash of sashes) {
      const s = await sash.boundingBox();
      if (!s || Math.abs(s.x + s.width / 2 - edge) > 4 || s.height < box.height / 2) continue;
      const y = s.y + s.height / 2;
      await this.page.mouse.move(s.x + s.width / 2, y);
      await this.page.mouse.down();
      await this.page.mouse.move(box.x + width, y, { steps: 8 });
      await this.page.mouse.up();
      return;
    }
    throw new Error('no sash at the side bar’s edge');
  }

  /** A row of the side bar's tree whose aria-label (label, then description) starts with `label`. */
  treeRow(label: string): Locator {
    return this.page
      .locator(`.part.sidebar .monaco-list-row[aria-label="${cssString(label)}"], .part.sidebar .monaco-list-row[aria-label^="${cssString(label)}, "]`)
      .first();
  }

  /** Hovers a tree row and clicks its inline action whose title starts with `title`. */
  async treeInlineAction(row: Locator, title: string, label?: string): Promise<void> {
    await row.hover();
    const action = row.locator(`.actions .action-label[aria-label^="${cssString(title)}"]`).first();
    await action.waitFor({ state: 'visible', timeout: T.short });
    await action.click();
    if (!label) return;
    // When the tree re-renders the row under the mouse (a refresh after the server's change
    // notification), VS Code may run the command without its row; the command then asks which
    // endpoint to test. Answer it with the intended row, as a user would.
    const pick = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: label }).first();
    const asked = await pick.waitFor({ state: 'visible', timeout: 1500 }).then(
      () => true,
      () => false,
    );
    if (asked) await pick.click();
  }

  /**
   * Waits until the aria-label of the tree row `label` (its label and description, as a screen
   * reader says them) satisfies `predicate`; returns it.
   */
  async waitForTreeRow(label: string, predicate: (ariaLabel: string) => boolean, timeout: number = T.normal): Promise<string> {
    const row = this.treeRow(label);
    const deadline = Date.now() + timeout;
    let seen = '';
    for (;;) {
      seen = (await row.getAttribute('aria-label', { timeout: T.short }).catch(() => null)) ?? '';
      if (predicate(seen)) return seen;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`tree row '${label}': timed out; it reads: ${seen || '(missing)'}`);
      // Re-queried on every check: the tree re-renders its rows, so a row element can be replaced.
      await this.page
        .waitForFunction(
          ({ name, before }) => {
            const row = Array.from(document.querySelectorAll('.part.sidebar .monaco-list-row')).find((r) => {
              const a = r.getAttribute('aria-label') ?? '';
              return a === name || a.startsWith(`${name}, `);
            });
            return (row?.getAttribute('aria-label') ?? '') !== before;
          },
          { name: label, before: seen },
          { timeout: left },
        )
        .catch(() => undefined);
    }
  }

  /** Right-clicks `row` and runs the context-menu item whose text is exactly `title`. */
  async contextMenu(row: Locator, title: string): Promise<void> {
    // A tooltip left by an earlier hover can cover the row.
    await this.page.mouse.move(0, 0);
    await row.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu').first();
    await menu.waitFor({ timeout: T.short });
    const item = menu.locator('.action-item .action-label').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }).first();
    // The menu runs an item on Enter as reliably as on a click (a click can land while the menu still animates).
    await item.hover();
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: T.short });
  }

  /** Clicks the checkbox of a tree row and waits until it shows the other state. */
  async toggleTreeCheckbox(row: Locator): Promise<void> {
    const box = row.locator('.custom-view-tree-node-item-checkbox').first();
    await box.waitFor({ timeout: T.short });
    const before = await box.getAttribute('aria-checked');
    await box.click();
    await this.page.waitForFunction(
      ({ el, was }) => el?.getAttribute('aria-checked') !== was,
      { el: await box.elementHandle(), was: before },
      { timeout: T.short },
    ).catch(() => undefined); // the row may be re-rendered meanwhile; callers wait for the tree itself
    // The checkbox's tooltip would cover the row below.
    await this.page.mouse.move(0, 0);
  }

  // --- quick input (pickers, input boxes, multi-step inputs) -----------------------------------

  private get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Waits for the quick input and returns the text of its step / title bar ("Add … 2/4"). */
  async quickInputTitle(): Promise<string> {
    await this.quickInput.waitFor({ state: 'visible', timeout: T.normal });
    return (await this.quickInput.locator('.quick-input-titlebar').innerText().catch(() => '')).trim();
  }

  /** Waits until the quick input's title bar satisfies `predicate`; returns it. */
  async waitForQuickInputTitle(predicate: (title: string) => boolean, what: string): Promise<string> {
    return waitUntilAsync(async () => {
      const title = await this.quickInputTitle();
      return predicate(title) ? title : undefined;
    }, `quick input title: ${what}`);
  }

  /** The value of the quick input's text box. */
  async quickInputValue(): Promise<string> {
    return this.quickInput.locator('.quick-input-box input').inputValue({ timeout: T.short });
  }

  /** Replaces the text of the quick input's box (as typing does: each change is an input event). */
  async fillQuickInput(text: string): Promise<void> {
    const input = this.quickInput.locator('.quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: T.normal });
    await input.fill(text);
  }

  /** Presses Enter in the quick input. */
  async acceptQuickInput(): Promise<void> {
    await this.quickInput.locator('.quick-input-box input').press('Enter');
  }

  /** Picks the row of the open quick pick whose label is exactly `label` (typed, then Enter). */
  async pickQuickInput(label: string): Promise<void> {
    await this.fillQuickInput(label);
    const row = this.quickInput.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) }).first();
    await row.waitFor({ timeout: T.normal });
    await row.click();
  }

  /** The message under the quick input's box: its prompt, or its validation message while one is set. */
  async quickInputMessage(): Promise<string> {
    return (await this.quickInput.locator('.quick-input-message').innerText({ timeout: T.short }).catch(() => '')).trim();
  }

  /** Waits until the quick input's message satisfies `predicate`; returns it. */
  async waitForQuickInputMessage(predicate: (message: string) => boolean, what: string): Promise<string> {
    return waitUntilAsync(async () => {
      const message = await this.quickInputMessage();
      return predicate(message) ? message : undefined;
    }, `quick input message: ${what}`);
  }

  /** Waits until no quick input shows. */
  async waitQuickInputClosed(): Promise<void> {
    await this.quickInput.waitFor({ state: 'hidden', timeout: T.normal });
  }

  /** Clicks into the active editor's text and presses Ctrl+Z (Undo in that editor). */
  async undo(): Promise<void> {
    await this.page.locator('.part.editor .editor-instance .monaco-editor .view-lines').first().click();
    await this.page.keyboard.press('Control+Z');
  }

  /**
   * Hovers `target` and returns the text of the hover (tooltip) that shows; with `hasText`, of
   * the hover that holds it (another hover may linger from where the mouse was).
   */
  async hoverText(target: Locator, hasText: string | RegExp = /\S/): Promise<string> {
    // From elsewhere: VS Code shows a tooltip when the mouse enters, not while it rests.
    await this.page.mouse.move(0, 0);
    await target.hover();
    const hover = this.page.locator('.workbench-hover').filter({ hasText }).first();
    await hover.waitFor({ state: 'visible', timeout: T.normal });
    const text = await hover.innerText();
    await this.page.mouse.move(0, 0);
    return text;
  }

  /**
   * Answers VS Code's workspace-trust question with "No" (Restricted Mode) and waits until the
   * window says it is in Restricted Mode.
   */
  async declineWorkspaceTrust(): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box').filter({ hasText: /trust the authors/i });
    await dialog.waitFor({ timeout: T.normal });
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^No/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: T.short });
    await this.page.locator('.part.statusbar .statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: T.normal });
  }

  /** Whether the activity bar has an entry whose aria-label starts with `title`. */
  async hasViewContainer(title: string): Promise<boolean> {
    return (await this.page.locator(`.part.activitybar .action-item a.action-label[aria-label^="${cssString(title)}"]`).count()) > 0;
  }

  // --- evidence --------------------------------------------------------------------------------

  /** A PNG of the whole window under test/e2e/artifacts/. Returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** What the window shows now, part by part, for a failure report. */
  async describe(): Promise<string> {
    const parts: [string, string][] = [
      ['editor tabs', '.part.editor .tabs-container'],
      ['editor', '.part.editor .editor-instance .view-lines'],
      ['side bar', '.part.sidebar'],
      ['panel', '.part.panel'],
      ['notifications', '.notifications-toasts'],
      ['context menu / action list', '.action-widget, .context-view'],
      ['quick input', '.quick-input-widget'],
      ['status bar', '.part.statusbar'],
    ];
    const out: string[] = [];
    for (const [label, selector] of parts) {
      const text = await this.page
        .locator(selector)
        .evaluateAll((els) =>
          els
            .filter((e) => (e as HTMLElement).offsetParent !== null)
            .map((e) => (e as HTMLElement).innerText)
            .join('\n'),
        )
        .catch(() => '');
      if (text.trim()) out.push(`--- ${label}:\n${text.trim().slice(0, 4000)}`);
    }
    const channel = this.server.outputChannelLog('NapCat Config');
    if (channel) out.push(`--- NapCat Config output channel (tail):\n${channel.split('\n').slice(-60).join('\n')}`);
    out.push(`--- code-server log (tail):\n${this.server.logTail()}`);
    return out.join('\n');
  }

  /**
   * Runs `body`; when it throws, keeps a screenshot `<name>-failure.png`, prints what the window
   * showed, and rethrows.
   */
  async step<T>(name: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (e) {
      const shot = await this.screenshot(`${name}-failure`).catch(() => '(no screenshot)');
      const seen = await this.describe().catch((err: unknown) => `(could not read the page: ${String(err)})`);
      process.stderr.write(`\n[e2e] ${name} failed; screenshot: ${shot}\n[e2e] the window showed:\n${seen}\n`);
      throw e;
    }
  }
}

/** Runs in the page: reads the Problems tree's marker rows in display order. */
function readProblems(): Problem[] {
  const rows = Array.from(document.querySelectorAll<HTMLElement>('.markers-panel .monaco-list-row'));
  rows.sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
  const out: Problem[] = [];
  let file = '';
  for (const row of rows) {
    const fileLabel = row.querySelector('.file-icon .label-name, .monaco-icon-label .label-name');
    const icon = row.querySelector('.marker-icon');
    if (!icon) {
      if (fileLabel && !row.querySelector('.marker-line')) file = (fileLabel.textContent ?? '').trim();
      continue;
    }
    const text = (sel: string) => (row.querySelector(sel)?.textContent ?? '').trim();
    const pos = /Ln (\d+), Col (\d+)/.exec(text('.marker-line'));
    const severity = ['error', 'warning', 'info', 'hint'].find((s) => icon.classList.contains(s)) ?? icon.className;
    out.push({
      file,
      severity,
      message: text('.marker-message'),
      source: text('.marker-source'),
      code: text('.marker-code'),
      line: pos ? Number(pos[1]) : 0,
      column: pos ? Number(pos[2]) : 0,
    });
  }
  return out;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code} ${p.message}`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function cssString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** Copies a fixture folder into a new temporary workspace (tests edit and save files there). */
export function workspaceFrom(fixture: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `napcat-ws-${fixture}-`));
  fs.cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

/**
 * Waits until `check()` returns a value other than undefined (asked every 100 ms: for states
 * without an event, such as the process list). Throws `what` after `timeout` ms.
 */
export async function waitUntil<R>(check: () => R | undefined, what: string, timeout = T.normal): Promise<R> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const r = check();
    if (r !== undefined) return r;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `waitUntil` for checks that read the page: asked every 100 ms until defined. */
export async function waitUntilAsync<R>(check: () => Promise<R | undefined>, what: string, timeout = T.normal): Promise<R> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const r = await check();
    if (r !== undefined) return r;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits until `file` on disk satisfies `predicate` (checked on every change of the file, and
 * once at the start). Returns the text.
 */
export async function waitForFile(file: string, predicate: (text: string) => boolean, timeout = T.normal): Promise<string> {
  const read = () => fs.readFileSync(file, 'utf8');
  let text = read();
  if (predicate(text)) return text;
  return new Promise<string>((resolve, reject) => {
    const watcher = fs.watch(path.dirname(file), () => {
      text = read();
      if (predicate(text)) {
        clearTimeout(timer);
        watcher.close();
        resolve(text);
      }
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`${file} did not reach the expected content within ${timeout} ms; it holds:\n${text}`));
    }, timeout);
  });
}
