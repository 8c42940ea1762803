import type { Connection } from 'vscode-languageserver';

/**
 * Keeps the server alive: every handler runs inside `guard`, so an exception (or a rejected
 * promise) becomes one logged error and the handler's empty result instead of a crash or an
 * error response the editor would show to the user.
 */

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** One line; an error is described by its name and message, never its stack. */
  error(message: string, error?: unknown): void;
  /** `$/logTrace`, sent only when the client asked for a trace (`initialize`'s `trace`, `$/setTrace`). */
  trace?(message: string): void;
}

export function connectionLogger(connection: Connection): Logger {
  return {
    info: (message) => connection.console.info(message),
    warn: (message) => connection.console.warn(message),
    error: (message, error) => connection.console.error(error === undefined ? message : `${message}: ${describe(error)}`),
    trace: (message) => connection.tracer.log(message),
  };
}

/**
 * An error on one line: malformed parameters from a client make handlers throw, and a stack trace
 * in the editor's log says nothing more to the user than the error's own message.
 */
export function describe(error: unknown): string {
  let text: string;
  if (error instanceof Error) text = `${error.name}: ${error.message}`;
  else {
    try {
      text = JSON.stringify(error) ?? String(error);
    } catch {
      text = String(error);
    }
  }
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
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
