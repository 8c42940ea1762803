/**
 * The session's memory of language switches, per document URI. Pure (no `vscode`): the
 * extension feeds it the editor's open and close events.
 *
 * VS Code reports a change of a document's language as the document closing and opening again in
 * one turn (no other task runs in between). So an open that follows the close of the same URI in
 * the same turn, with another language, is a language change; if it is not our own switch, the
 * user (or another extension) chose that language, and the URI is never switched again in this
 * session — also after it is closed and opened again. A close with no open in the same turn is a
 * real close, forgotten at the end of the turn.
 */
export class LanguageSwitches {
  /** URIs whose language was chosen by someone else: never switched again. */
  private readonly chosen = new Set<string>();
  /** URIs closed in the current turn, with the language they had. */
  private readonly closing = new Map<string, string>();
  /** Switches asked for and not answered yet. */
  private readonly pending = new Set<string>();

  constructor(
    /** The language we switch documents to. */
    private readonly target: string,
    /** Runs a callback at the end of the current turn (queueMicrotask; replaceable in tests). */
    private readonly endOfTurn: (callback: () => void) => void = queueMicrotask,
  ) {}

  closed(uri: string, languageId: string): void {
    this.closing.set(uri, languageId);
    this.endOfTurn(() => this.closing.delete(uri));
  }

  /** An open; true when it is a document being opened (worth a look), false for a language change. */
  opened(uri: string, languageId: string): boolean {
    const before = this.closing.get(uri);
    this.closing.delete(uri);
    if (before === undefined || before === languageId) return true;
    if (languageId !== this.target) this.chosen.add(uri);
    return false;
  }

  /** Whether the document may be switched: nobody chose its language and no switch is on its way. */
  maySwitch(uri: string): boolean {
    return !this.chosen.has(uri) && !this.pending.has(uri);
  }

  /** A switch was asked for; `done` when the editor answered (either way). */
  switching(uri: string): void {
    this.pending.add(uri);
  }

  done(uri: string): void {
    this.pending.delete(uri);
  }

  /** Whether someone else chose this URI's language in this session. */
  isChosen(uri: string): boolean {
    return this.chosen.has(uri);
  }
}
