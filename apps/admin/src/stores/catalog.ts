/**
 * Reference data many pages need: manufacturers (their routing configs), products, and for staff the
 * resellers. Loaded once per session and refreshed after an edit.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { listManufacturers, type Manufacturer } from '../api/manufacturers';
import { listProducts, type Product } from '../api/products';
import { listTenants, type Tenant } from '../api/tenants';

export const useCatalogStore = defineStore('catalog', () => {
  const manufacturers = ref<Manufacturer[]>([]);
  const products = ref<Product[]>([]);
  const tenants = ref<Tenant[]>([]);
  const loaded = ref({ manufacturers: false, products: false, tenants: false });
  const pending = new Map<string, Promise<void>>();

  const manufacturerBySlug = computed(() => new Map(manufacturers.value.map((m) => [m.slug, m])));
  const tenantById = computed(() => new Map(tenants.value.map((t) => [t.id, t])));

  function once(key: keyof typeof loaded.value, load: () => Promise<void>, force: boolean): Promise<void> {
    if (loaded.value[key] && !force) return Promise.resolve();
    const running = pending.get(key);
    if (running && !force) return running;
    const p = load()
      .then(() => {
        loaded.value[key] = true;
      })
      .finally(() => pending.delete(key));
    pending.set(key, p);
    return p;
  }

  const loadManufacturers = (force = false) =>
    once(
      'manufacturers',
      async () => {
        manufacturers.value = (await listManufacturers()).sort((a, b) => a.name.localeCompare(b.name));
      },
      force,
    );

  const loadProducts = (force = false) =>
    once(
      'products',
      async () => {
        products.value = await listProducts();
      },
      force,
    );

  const loadTenants = (force = false) =>
    once(
      'tenants',
      async () => {
        tenants.value = (await listTenants()).sort((a, b) => a.name.localeCompare(b.name));
      },
      force,
    );

  function manufacturerName(slug: string | null | undefined): string {
    if (!slug) return '—';
    return manufacturerBySlug.value.get(slug)?.name ?? slug;
  }

  function reset(): void {
    manufacturers.value = [];
    products.value = [];
    tenants.value = [];
    loaded.value = { manufacturers: false, products: false, tenants: false };
  }

  return {
    manufacturers,
    products,
    tenants,
    manufacturerBySlug,
    tenantById,
    loadManufacturers,
    loadProducts,
    loadTenants,
    manufacturerName,
    reset,
  };
});
