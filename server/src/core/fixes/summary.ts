import { localize, type Catalogue, type Message } from '../i18n';
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
 * "2 entries added, 1 legacy key removed" in `lang`: what a rebuild did, in one phrase. The editor's
 * message and the CLI's summary line both use it.
 */
export function describeSummary(s: RebuildSummary): string {
  const count = (one: Message, many: Message, n: number) => (n === 0 ? [] : [localize(n === 1 ? one : many, { n })]);
  const parts = [
    ...count(M.added1, M.addedN, s.added.length),
    ...count(M.renamed1, M.renamedN, s.renamed.length),
    ...count(M.removed1, M.removedN, s.removed.length),
    ...count(M.dropped1, M.droppedN, s.dropped.length),
  ];
  return parts.length > 0 ? parts.join(localize(M.separator)) : localize(M.updated);
}
