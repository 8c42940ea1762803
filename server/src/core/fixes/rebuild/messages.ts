import { type Catalogue } from '../../i18n';

export const M = {
  syntax: 'NapCat cannot read this file (line {line}, column {column}: unexpected {found}). Rebuild does not guess: fix the syntax first.',
  empty: 'The file is empty: there is nothing to rebuild.',
  tooDeep: 'The file is nested too deeply for NapCat to read it. Rebuild does not guess: fix it first.',
  notObject: 'The top level of this file is not an object, so it is not a NapCat config that rebuild can convert.',
  tooOld: 'The target version is {target}, but the `network` form that rebuild writes is read by NapCat v4.1.0 and later only.',
  networkNotObject: '`network` is not an object, so the converted entries have no place to go. Fix `network` first.',
  listNotArray: '`network.{kind}` is not a list, so the converted entries cannot be added to it. Make it a list first.',
  internal: 'Rebuild could not produce a valid file from this one (an internal error); nothing was changed. Please report this file.',
  dropHeart: 'HTTP heartbeat has no counterpart in `network`: NapCat v4 sends no heartbeat to HTTP POST URLs.',
  dropSecret: 'The HTTP POST signing secret is not used: there is no HTTP POST URL.',
  dropUnknown: 'Unknown key of a legacy section; no NapCat version reads it.',
  dropShadowed: 'The key is written more than once; NapCat reads only the last one, which was converted.',
  dropNotUrl: 'This list item is not a URL, so it cannot be turned into a connection.',
} satisfies Catalogue<string>;
