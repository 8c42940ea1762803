import type { Connection } from 'vscode-languageserver';

/**
 * Keeps the server alive: every handler runs inside `guard`, so an exception (or a rejected
 * promise) becomes one logged error and the handler's empty result instead of a crash or an
 * error response the editor would show to the user.
 */

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export function connectionLogger(connection: Connection): Logger {
  return {
    info: (message) => connection.console.info(message),
    warn: (message) => connection.console.warn(message),
    error: (message, error) => connection.console.error(error === undefined ? message : `${message}: ${describe(error)}`),
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/** Wraps a request or notification handler: errors are logged and `fallback` is returned. */
export function guard<A extends unknown[], R>(
  log: Logger,
  name: string,
  fallback: R,
  handler: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (e) {
      log.error(`${name} failed`, e);
      return fallback;
    }
  };
}
