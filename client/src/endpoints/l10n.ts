import * as vscode from 'vscode';
import type { Translate } from './model';

/** `vscode.l10n.t` as the pure model wants it (the English text is the key of l10n/bundle.l10n.*.json). */
export const translate: Translate = (message, args) => (args ? vscode.l10n.t(message, args as Record<string, string | number>) : vscode.l10n.t(message));
