/**
 * The one exception of the rules package, for programming and configuration errors only: a config that
 * `validateManufacturerConfig` would have rejected reached `decideRoute`. Expected outcomes (not
 * eligible, needs a support ticket...) are values of the decision, never exceptions.
 */
export const RULES_CONFIG_ERROR_CODES = [
  'UNKNOWN_ADAPTER',
  'INVALID_PATTERN',
  'DUPLICATE_ADAPTER',
  'REGISTRY_SEALED',
] as const;
export type RulesConfigErrorCode = (typeof RULES_CONFIG_ERROR_CODES)[number];

export class RulesConfigError extends Error {
  override readonly name = 'RulesConfigError';

  constructor(
    readonly code: RulesConfigErrorCode,
    message: string,
  ) {
    super(message);
  }
}
