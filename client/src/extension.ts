// Placeholder entry; the extension client is built here.
export function activate(): void {}
export function deactivate(): void {}
