/**
 * The one place adapters are registered: the built-in kinds and the custom adapters of manufacturers
 * that need their own code, in one map from `ManufacturerConfig.adapter` to the adapter.
 */
import { RulesConfigError } from '../errors.js';
import type { ManufacturerConfig } from '../types.js';
import type { RoutingAdapter } from './adapter.js';
import { InHouseAdapter } from './in-house.adapter.js';
import { SerialDateSsdAdapter } from './serial-date.adapter.js';
import { VendorPortalAdapter } from './vendor-portal.adapter.js';
import { VendorWebhookAdapter } from './vendor-webhook.adapter.js';

/** Custom adapters shipped with the rules package. Add a manufacturer's own adapter class here. */
export function customAdapters(): RoutingAdapter[] {
  return [new SerialDateSsdAdapter()];
}

/** One instance of each built-in kind (ADAPTER_KINDS). */
export function builtInAdapters(): RoutingAdapter[] {
  return [new InHouseAdapter(), new VendorPortalAdapter(), new VendorWebhookAdapter()];
}

export class AdapterRegistry {
  private readonly adapters = new Map<string, RoutingAdapter>();
  private sealed = false;

  constructor(adapters: Iterable<RoutingAdapter> = []) {
    for (const adapter of adapters) this.register(adapter);
  }

  /** Adds an adapter under its `kind`. Throws on a duplicate kind or a sealed registry (programming errors). */
  register(adapter: RoutingAdapter): this {
    if (this.sealed) throw new RulesConfigError('REGISTRY_SEALED', 'This adapter registry is sealed');
    if (this.adapters.has(adapter.kind)) {
      throw new RulesConfigError('DUPLICATE_ADAPTER', `Adapter ${adapter.kind} is already registered`);
    }
    this.adapters.set(adapter.kind, adapter);
    return this;
  }

  /** Forbids further registration (the shared default registry is sealed). */
  seal(): this {
    this.sealed = true;
    return this;
  }

  get(kind: string): RoutingAdapter | undefined {
    return this.adapters.get(kind);
  }

  has(kind: string): boolean {
    return this.adapters.has(kind);
  }

  /** The registered keys, built-ins first, for the admin's adapter picker. */
  kinds(): string[] {
    return [...this.adapters.keys()];
  }

  list(): RoutingAdapter[] {
    return [...this.adapters.values()];
  }

  /** The adapter for `kind`; throws RulesConfigError UNKNOWN_ADAPTER when none is registered. */
  require(kind: string): RoutingAdapter {
    const adapter = this.adapters.get(kind);
    if (adapter === undefined) {
      throw new RulesConfigError(
        'UNKNOWN_ADAPTER',
        `Unknown adapter ${JSON.stringify(kind)}; registered: ${this.kinds().join(', ')}`,
      );
    }
    return adapter;
  }
}

/** A fresh registry with the built-in kinds, the bundled custom adapters, then `extra`. */
export function createAdapterRegistry(extra: Iterable<RoutingAdapter> = []): AdapterRegistry {
  const registry = new AdapterRegistry([...builtInAdapters(), ...customAdapters()]);
  for (const adapter of extra) registry.register(adapter);
  return registry;
}

/** The shared registry used when none is passed: built-ins and bundled custom adapters; sealed. */
export const defaultAdapterRegistry: AdapterRegistry = createAdapterRegistry().seal();

/**
 * The adapter of a manufacturer. Throws RulesConfigError UNKNOWN_ADAPTER for a key that is not
 * registered: validateManufacturerConfig rejects such a config, so a validated config never has one.
 */
export function adapterFor(
  config: Pick<ManufacturerConfig, 'adapter'>,
  registry = defaultAdapterRegistry,
): RoutingAdapter {
  return registry.require(config.adapter);
}
