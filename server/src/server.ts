/**
 * Language server entry point. The transport comes from the command line (`--stdio`,
 * `--node-ipc`, `--socket=<port>`, `--pipe=<name>`) and is read in batches (lsp/transport.ts);
 * everything else lives in `lsp/`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';
import { transportFromArgs } from './lsp/transport';

const transport = transportFromArgs(process.argv.slice(2));
// Without a transport argument, `createConnection` explains which ones exist.
const connection = transport ? createConnection(ProposedFeatures.all, transport.reader, transport.writer) : createConnection(ProposedFeatures.all);
const server = startServer(connection);
// The client went away: nobody is left to serve (LSP: exit code 0 only after `shutdown`).
transport?.onEnd?.(() => process.exit(server.shutDown ? 0 : 1));
