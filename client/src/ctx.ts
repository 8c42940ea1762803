import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './client';

/**
 * The extension's one context object: it owns every disposable (output channel, commands, the
 * language client) so deactivation and restarts release everything.
 */
export class Ctx implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;
  /** The start in progress, if any. */
  private starting: Promise<void> | undefined;
  private readonly started: vscode.EventEmitter<LanguageClient>;
  readonly outputChannel: vscode.LogOutputChannel;
  /** Fires after each successful start (and restart) of the language client. */
  readonly onDidStartClient: vscode.Event<LanguageClient>;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.outputChannel = this.own(vscode.window.createOutputChannel('NapCat Config', { log: true }));
    this.started = this.own(new vscode.EventEmitter<LanguageClient>());
    this.onDidStartClient = this.started.event;
    extension.subscriptions.push(this);
  }

  /** Registers a disposable for disposal with the context. */
  own<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  /** The running language client, if any (undefined while stopped or after a failed start). */
  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  /** Starts the language server (no-op when it is running or starting). */
  start(): Promise<void> {
    if (this.client) return this.starting ?? Promise.resolve();
    const client = createLanguageClient(this.extension, this.outputChannel);
    this.client = client;
    const starting = client.start().then(
      () => {
        if (this.client === client) this.started.fire(client);
      },
      (e: unknown) => {
        if (this.client === client) this.client = undefined;
        this.outputChannel.error(`NapCat language server failed to start: ${String(e)}`);
        throw e;
      },
    );
    this.starting = starting;
    void starting.finally(() => {
      if (this.starting === starting) this.starting = undefined;
    }).catch(() => undefined);
    return starting;
  }

  /**
   * The running language client, started first if it was not (a command the user ran needs it).
   * Undefined when it cannot start; the reason is in the output channel.
   */
  async startedClient(): Promise<LanguageClient | undefined> {
    await this.start().catch(() => undefined);
    return this.client;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    if (client) await client.dispose();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
