import type { Logger } from './guard';

/**
 * Work that follows edits — publishing a document's diagnostics, telling the client its endpoints
 * changed — runs once the edits have settled, on the newest text only. An editor sends a
 * `didChange` per keystroke, and a burst of them (a paste, a macro, a fast typist on a large
 * file) arrives faster than a file is analysed: analysing and publishing every version would
 * queue thousands of analyses of texts nobody sees any more, and publish diagnostics that are
 * stale before they arrive.
 *
 * The JSON-RPC connection hands over one incoming message per turn of the event loop
 * (`setImmediate`); the transport has already merged the edits that arrived together
 * (transport.ts), but a burst larger than one read still arrives in pieces. A job waits until one
 * whole turn has passed without a new job being asked for: while messages are queued, every turn
 * brings the next edit and the job waits; when the queue is drained it runs once, on the text of
 * the newest version. Jobs are keyed (one per
 * document and kind of work): asking again for a pending key replaces its job. No timer: a lone
 * edit is handled two turns later.
 */
export class Settler {
  private readonly jobs = new Map<string, () => unknown>();
  /** Counts `run` calls: changes while a turn passes mean the burst goes on. */
  private asked = 0;
  /** `asked` at the last turn (-1: no turn yet since the first pending job). */
  private seen = -1;
  private scheduled = false;

  constructor(private readonly log: Logger) {}

  /** Runs `job` once the edits have settled; a pending job of the same key is replaced. */
  run(key: string, job: () => unknown): void {
    this.jobs.delete(key);
    this.jobs.set(key, job);
    this.asked++;
    if (this.scheduled) return;
    this.scheduled = true;
    this.seen = -1;
    setImmediate(() => this.turn());
  }

  /** Drops a pending job (its document was closed). */
  cancel(key: string): void {
    this.jobs.delete(key);
  }

  private turn(): void {
    if (this.seen !== this.asked) {
      this.seen = this.asked;
      setImmediate(() => this.turn());
      return;
    }
    this.scheduled = false;
    const jobs = [...this.jobs.entries()];
    this.jobs.clear();
    for (const [key, job] of jobs) {
      try {
        void Promise.resolve(job()).catch((e: unknown) => this.log.error(`${key} failed`, e));
      } catch (e) {
        this.log.error(`${key} failed`, e);
      }
    }
  }
}
