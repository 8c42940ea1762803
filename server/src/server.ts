/**
 * Language server entry point. `createConnection` picks the transport from the command line
 * (`--stdio`, `--node-ipc`, `--socket=<port>`); everything else lives in `lsp/`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';

startServer(createConnection(ProposedFeatures.all));
