import * as net from 'node:net';
import { addressOf, resultOfError } from './classify';
import { isLocalHost } from '../core/text/hosts';
import { maskEchoed } from '../core/secrets';
import type { ProbeResult, TimeoutPhase } from './types';

/**
 * One running probe: its deadline, its cancellation, the phase its connection has reached, and
 * the result, settled exactly once. Whatever happens later (a late error, a close event, the timer)
 * is ignored once the result is known, and the registered clean-ups (closing sockets) run then.
 * This is what makes every probe answer within its timeout and never throw.
 */
export class Attempt {
  private readonly started = performance.now();
  private settled = false;
  private resolve!: (r: ProbeResult) => void;
  private readonly cleanups: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lookedUp = false;
  private connected = false;
  private secured = false;
  /** The phase reported when the deadline passes after the connection is up. */
  waitingFor: TimeoutPhase | 'closing' = 'handshake';
  /** A result to give when the deadline passes in the `closing` phase (the work was done). */
  resultIfLate: ProbeResult | undefined;
  readonly promise: Promise<ProbeResult>;
  /** `host:port` as connected, for messages. */
  readonly address: string;

  constructor(
    readonly host: string,
    readonly port: number,
    private readonly secure: boolean,
    readonly timeoutMs: number,
    signal: AbortSignal | undefined,
    private readonly secrets: readonly string[],
  ) {
    this.address = addressOf(host, port);
    this.promise = new Promise((resolve) => (this.resolve = resolve));
    if (signal?.aborted) {
      this.finish({ kind: 'cancelled', latencyMs: 0 });
      return;
    }
    if (signal) {
      const onAbort = () => this.finish({ kind: 'cancelled', latencyMs: this.elapsed() });
      signal.addEventListener('abort', onAbort, { once: true });
      this.cleanups.push(() => signal.removeEventListener('abort', onAbort));
    }
    this.timer = setTimeout(() => this.onDeadline(), timeoutMs);
  }

  get done(): boolean {
    return this.settled;
  }

  /** Milliseconds since the probe started, rounded to 0.1 ms. */
  elapsed(): number {
    return Math.round((performance.now() - this.started) * 10) / 10;
  }

  /** Runs `fn` when the result is known (or at once if it already is). */
  onCleanup(fn: () => void): void {
    if (this.settled) safely(fn);
    else this.cleanups.push(fn);
  }

  /** Settles the probe with `result`; later calls are ignored. */
  finish(result: ProbeResult): void {
    if (this.settled) return;
    this.settled = true;
    if (this.timer) clearTimeout(this.timer);
    this.resolve(result);
    for (const fn of this.cleanups.splice(0)) safely(fn);
  }

  /** Settles with the result that a Node.js error means (refused, DNS, TLS, …). */
  fail(err: unknown): void {
    if (this.settled) return;
    this.finish(
      resultOfError(err, {
        address: this.address,
        host: this.host,
        loopback: isLocalHost(this.host),
        latencyMs: this.elapsed(),
        clean: (s) => this.clean(s),
      }),
    );
  }

  /** A text from the network or from Node.js with the target's secrets masked, cut to `max` characters. */
  clean(text: string, max = 300): string {
    const masked = maskEchoed(text, this.secrets);
    return masked.length > max ? masked.slice(0, max) + '…' : masked;
  }

  /** Follows a socket through DNS, TCP and TLS so a timeout can say where it stopped. */
  track(socket: net.Socket): void {
    if (!socket.connecting && !socket.destroyed && socket.remoteAddress) {
      // A reused or already connected socket.
      this.lookedUp = this.connected = true;
    }
    socket.once('lookup', () => (this.lookedUp = true));
    socket.once('connect', () => (this.lookedUp = this.connected = true));
    socket.once('secureConnect', () => (this.secured = true));
  }

  private onDeadline(): void {
    if (this.settled) return;
    if (this.waitingFor === 'closing' && this.resultIfLate) {
      // The answer was there; only the polite close did not complete in time.
      this.finish(this.resultIfLate);
      return;
    }
    const phase: TimeoutPhase =
      !this.lookedUp && !this.connected && net.isIP(this.host) === 0
        ? 'dns'
        : !this.connected
          ? 'connect'
          : this.secure && !this.secured
            ? 'tls'
            : this.waitingFor === 'closing'
              ? 'response'
              : this.waitingFor;
    this.finish({ kind: 'timeout', latencyMs: this.elapsed(), address: this.address, phase, timeoutMs: this.timeoutMs });
  }
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Clean-up of a socket that is already gone; nothing to report.
  }
}

/**
 * Reads at most `max` bytes of a response body as UTF-8, for at most `maxWaitMs` (and less if the
 * probe ends first), then stops reading. Resolves with what arrived; never rejects.
 */
export function readBody(
  res: NodeJS.ReadableStream & { destroy?: () => void },
  attempt: Attempt,
  max: number,
  maxWaitMs = Infinity,
): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    const timer = Number.isFinite(maxWaitMs) ? setTimeout(() => end(), maxWaitMs) : undefined;
    const end = () => {
      if (ended) return;
      ended = true;
      if (timer) clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    res.on('data', (chunk: Buffer | string) => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (size < max) chunks.push(b.subarray(0, max - size));
      size += b.length;
      if (size >= max) {
        end();
        res.destroy?.();
      }
    });
    res.on('end', end);
    res.on('close', end);
    res.on('error', end);
    attempt.onCleanup(end);
  });
}
