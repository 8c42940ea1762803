import { ADAPTER_KINDS, KINDS, TIMEOUT_FIELDS, TOP_LEVEL_FIELDS, type FieldSpec } from '../server/src/core';

/**
 * A JSON Schema equivalent to what the analysis checks structurally, written from the core's
 * schema (schema.ts `KINDS`): the field types of every adapter kind, `name` required, the
 * `messagePostFormat` enum, ports in 1–65535 and no unknown keys. This is what VS Code's own JSON
 * support would need to give comparable (though far less specific) diagnostics.
 */
export function napcatJsonSchema(): Record<string, unknown> {
  const network: Record<string, unknown> = {};
  for (const kind of ADAPTER_KINDS) {
    const properties: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(KINDS[kind].fields)) properties[key] = field(key, spec);
    network[kind] = {
      type: 'array',
      items: { type: 'object', properties, required: ['name'], additionalProperties: false },
    };
  }
  const top: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(TOP_LEVEL_FIELDS)) top[key] = field(key, spec);
  top.network = { type: 'object', properties: network, additionalProperties: false };
  const timeout: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(TIMEOUT_FIELDS)) timeout[key] = field(key, spec);
  top.timeout = { type: 'object', properties: timeout, additionalProperties: false };
  return { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: top, additionalProperties: false };
}

function field(key: string, spec: FieldSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { type: spec.type };
  if (key === 'messagePostFormat') out.enum = ['array', 'string'];
  if (key === 'port') Object.assign(out, { minimum: 1, maximum: 65535 });
  if (key === 'name') out.minLength = 1;
  return out;
}
