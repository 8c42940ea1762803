import { formatVersion, type Analysis, type Catalogue, type Shape } from '../core';
import { fileReasons, formLabel } from './status';
import { localize } from '../wording';

/**
 * The pure part of the endpoints view (`napcat/endpoints`): what a config file is — its shape,
 * its problem counts, the version it was judged for and why NapCat starts nothing from it. The
 * endpoints themselves come from the probe's targets; reading files and probing stay in the
 * language server.
 */

const SHAPES = {
  N4: 'network (NapCat 4)',
  mixed: 'mixed: network and legacy sections',
  empty: 'empty',
  unknown: 'not readable as a NapCat config',
} satisfies Catalogue<string>;

/** Findings by severity. */
export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly hints: number;
}

export interface FileDescription {
  readonly shape: Shape;
  readonly shapeLabel: string;
  readonly targetVersion: string;
  readonly problems: ProblemCounts;
  /** Why NapCat starts nothing from `network`, worded (empty when the text was not parsed). */
  readonly fileReasons: string[];
}

export function shapeLabel(shape: Shape): string {
  switch (shape) {
    case 'N4':
    case 'mixed':
    case 'empty':
    case 'unknown':
      return localize(SHAPES[shape]);
    default:
      return localize(formLabel(shape));
  }
}

export function countProblems(analysis: Analysis): ProblemCounts {
  const counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };
  for (const f of analysis.findings) {
    if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else if (f.severity === 'info') counts.infos++;
    else counts.hints++;
  }
  return counts;
}

/** What the endpoints view says about a config file as a whole. */
export function describeFile(analysis: Analysis): FileDescription {
  const shape = analysis.model.shape;
  return {
    shape,
    shapeLabel: shapeLabel(shape),
    targetVersion: formatVersion(analysis.version),
    problems: countProblems(analysis),
    fileReasons: analysis.parsed ? fileReasons(analysis).map((r) => localize(r.message, r.args)) : [],
  };
}
