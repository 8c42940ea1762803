import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_ENV, SERVER_NODE_OPTIONS } from '../../server/src/lsp/protocol';
import { Config, SECTION } from './config';

/**
 * The file types the server sees: configs (NapCat reads JSON5, so json5 and jsonc documents count
 * too) and NapCat logs (links and connection errors).
 */
const LANGUAGES = ['json', 'jsonc', 'json5', 'napcat-log'];
const SCHEMES = ['file', 'untitled'];

/** Builds (does not start) the language client for the bundled server `dist/server.js`. */
export function createLanguageClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS], env: { ...SERVER_ENV } } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6009'], env: { ...SERVER_ENV } } },
  };
  const documentSelector = [
    ...SCHEMES.flatMap((scheme) => LANGUAGES.map((language) => ({ scheme, language }))),
    // Config files opened without a JSON5 language extension still get checked.
    { scheme: 'file', pattern: '**/onebot11*.json5' },
  ];
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel,
    // The server speaks the display language with the same bundle as this client (l10n/bundle.l10n.<lang>.json);
    // a bundle that is not a local file (a remote or virtual file system) is left to the server's own copy.
    initializationOptions: {
      locale: vscode.env.language,
      l10nBundle: vscode.l10n.uri?.scheme === 'file' ? vscode.l10n.uri.fsPath : undefined,
      settings: new Config().snapshot(),
      schemaHover: true,
    },
    synchronize: { configurationSection: SECTION },
    diagnosticPullOptions: { onChange: true, onSave: true },
  };
  return new LanguageClient('napcat', 'NapCat Config', serverOptions, clientOptions);
}
