// Placeholder entry; the CLI is built here.
export {};
