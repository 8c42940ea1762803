/**
 * The probes: connect to the endpoints a NapCat config describes, the way NapCat or its
 * counterpart would, and say in plain words what answered. Pure Node (net, http, https, tls and
 * `ws`); no editor, no LSP. Shared by the CLI (`napcat-config ping`) and the editor.
 */
export * from './types';
export { probe, probeAll, type ProbeAllOptions, type ProbeOutcome } from './probe';
export { probeTargets, type TargetOptions } from './targets';
export { describeResult, resultLabel, endpointOf, secretsOf, PROBE_MESSAGES, PROBE_LABELS } from './messages';
export { napcatClientHeaders, connectHost, wsUrl } from './websocket';
export { closeReasonOf, statusMeaning, tlsProblemOf, type CloseReason } from './classify';
