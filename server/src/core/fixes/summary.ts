import { list, text, type Catalogue, type Message, type Text, type TextList } from '../i18n';
import type { RebuildSummary } from './rebuild';

const M = {
  added1: '1 entry added',
  addedN: '{n} entries added',
  renamed1: '1 entry renamed',
  renamedN: '{n} entries renamed',
  removed1: '1 legacy key removed',
  removedN: '{n} legacy keys removed',
  dropped1: '1 setting with no place in `network` dropped',
  droppedN: '{n} settings with no place in `network` dropped',
  updated: 'the file was updated',
  separator: ', ',
} satisfies Catalogue<string>;

/**
 * "2 entries added, 1 legacy key removed": what a rebuild did, in one phrase, as a text to word
 * (an argument of the editor's message and of the CLI's summary line).
 */
export function describeSummary(s: RebuildSummary): Text | TextList {
  const count = (one: Message, many: Message, n: number) => (n === 0 ? [] : [text(n === 1 ? one : many, { n })]);
  const parts = [
    ...count(M.added1, M.addedN, s.added.length),
    ...count(M.renamed1, M.renamedN, s.renamed.length),
    ...count(M.removed1, M.removedN, s.removed.length),
    ...count(M.dropped1, M.droppedN, s.dropped.length),
  ];
  return parts.length > 0 ? list(parts, M.separator) : text(M.updated);
}
