// Placeholder entry; the language server is built in server/src/lsp.
export {};
