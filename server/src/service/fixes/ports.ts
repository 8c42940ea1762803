import { type Analysis, type Finding } from '../../core';
import { detectLayout, normalizeEdits, type TextEdit } from '../../core/fixes';
import { appendMembers } from '../../core/fixes/insert';
import type { Fix } from './fix';
import { serverAt } from './lookup';
import { F } from './messages';
import { literalEdits, stringLiteral } from './text';
import { localize } from '../../wording';

/** `napcat.port-conflict`, `napcat.webui-port`, `napcat.account-port-conflict`: a server moved to a free port. Offered, never safe. */

/** Moves a server to `port` (`data.port` of a port conflict or the WebUI port, `data.freePort` of a conflict with another account). */
export function portFix(analysis: Analysis, text: string, finding: Finding, port: unknown): Fix[] {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return [];
  const adapter = serverAt(analysis, finding.range.offset);
  if (!adapter) return [];
  const value = adapter.fields.get('port')?.value;
  let edits: TextEdit[];
  if (value) {
    const literal = value.type === 'string' ? stringLiteral(text, value, String(port)) : String(port);
    edits = literalEdits(text, value, literal);
  } else {
    const member = { comments: [], render: () => `"port": ${port}` };
    edits = appendMembers(text, adapter.node, [member], detectLayout(text), true);
  }
  if (edits.length === 0) return [];
  return [
    {
      kind: 'port',
      title: localize(F.movePort, { port }),
      edits: normalizeEdits(edits),
      preferred: false,
      safe: false,
      target: value?.offset ?? adapter.node.offset,
      rank: 1,
    },
  ];
}
