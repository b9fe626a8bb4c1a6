import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { validateManufacturerConfig, type ManufacturerConfig } from '@rma/rules';
import { AppException, ErrorCode, NotFoundException, ValidationException } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import { MANUFACTURERS_CHANNEL } from '../database/database.constants.js';
import { PgNotifications } from '../database/notifications.js';
import type { ManufacturerDto } from './dto.js';
import type { ManufacturerEntity } from './entities/manufacturer.entity.js';
import type { ManufacturerDoc, ManufacturerRevisionDoc } from './manufacturers.docs.js';
import { ManufacturersRepository } from './manufacturers.repository.js';
import type { Principal } from '../auth/principal.js';
import { urlRefusal } from '../webhooks/address-policy.js';

const toView = (e: ManufacturerEntity, forStaff = true): ManufacturerDoc => ({
  ...e.config,
  ...(forStaff ? {} : { webhookUrl: undefined }),
  id: e.id,
  slug: e.slug,
  name: e.name,
  returnAddress: e.returnAddress,
  revision: e.revision,
  updatedAt: e.updatedAt.toISOString(),
});

/** The fields of a manufacturer's view that differ between two revisions (its id and times aside). */
function changedFields(before: ManufacturerDoc, after: ManufacturerDoc): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const k of ['id', 'revision', 'updatedAt']) keys.delete(k);
  const value = (v: ManufacturerDoc, k: string) =>
    JSON.stringify((v as unknown as Record<string, unknown>)[k] ?? null);
  return [...keys].filter((k) => value(before, k) !== value(after, k)).sort();
}

function toConfig(dto: ManufacturerDto): ManufacturerConfig {
  const { returnAddress: _ignored, ...config } = dto;
  return JSON.parse(JSON.stringify(config)) as ManufacturerConfig;
}

@Injectable()
export class ManufacturersService implements OnApplicationBootstrap, OnApplicationShutdown {
  /**
   * Manufacturers change rarely and are read on every submit: cached by id. A committed change, by
   * any process, is announced by the table's trigger; every process drops its cache then (and after
   * its notification connection was lost, as it may have missed one).
   */
  private cache: Map<string, ManufacturerEntity> | null = null;
  /** Counts invalidations: a read that began before one does not fill the cache with what it read. */
  private generation = 0;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly repo: ManufacturersRepository,
    private readonly notifications: PgNotifications,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const drop = () => this.invalidate();
    this.unsubscribe = await this.notifications.subscribe(MANUFACTURERS_CHANNEL, {
      onNotify: drop,
      onGap: drop,
    });
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }

  private validate(dto: ManufacturerDto): ManufacturerConfig {
    return this.validConfig(toConfig(dto));
  }

  /** The rules' checks, and the webhook address policy: the address is where deliveries will go. */
  private validConfig(config: ManufacturerConfig): ManufacturerConfig {
    const errors = validateManufacturerConfig(config);
    const refused =
      errors.length === 0 && config.webhookUrl ? urlRefusal(config.webhookUrl, this.config.webhooks) : null;
    if (refused) errors.push({ field: 'webhookUrl', message: refused });
    if (errors.length) throw new ValidationException(errors);
    return config;
  }

  /**
   * Points the manufacturer's webhooks at `url`, in the caller's unit of work: a change of its
   * configuration like any other, kept in its history as made by `actor`. The cache is dropped when
   * the change commits (the table's notification).
   */
  async setWebhookUrl(actor: Principal, mf: ManufacturerEntity, url: string): Promise<void> {
    if (mf.config.webhookUrl === url) return;
    const config = this.validConfig({ ...mf.config, webhookUrl: url });
    await this.repo.setActor(actor);
    await this.repo.update(mf.id, { config });
  }

  /** Drops the cache (after a write here; other processes hear the table's notification). */
  invalidate(): void {
    this.cache = null;
    this.generation++;
  }

  /**
   * Every manufacturer, by id. Inside a unit of work, a cache miss reads in its transaction instead of
   * opening a second one (which the one-session embedded database cannot serve).
   */
  async all(): Promise<Map<string, ManufacturerEntity>> {
    if (this.cache) return this.cache;
    const generation = this.generation;
    const rows = await this.db.reading(ALL_TENANTS, () => this.repo.list());
    const read = new Map(rows.map((r) => [r.id, r]));
    if (generation === this.generation) this.cache = read;
    return read;
  }

  async byId(id: string): Promise<ManufacturerEntity | null> {
    return (await this.all()).get(id) ?? null;
  }

  async bySlug(slug: string): Promise<ManufacturerEntity | null> {
    for (const mf of (await this.all()).values()) if (mf.slug === slug) return mf;
    return null;
  }

  /**
   * The manufacturer a request names by slug in `field` (a body field or a filter); none when it names
   * none; an unknown slug is bad input, a 400 naming the field (not a 404: the request's own address exists).
   */
  async named(slug: string | null | undefined, field = 'manufacturer'): Promise<ManufacturerEntity | null> {
    if (!slug) return null;
    const mf = await this.bySlug(slug);
    if (!mf) throw new ValidationException([{ field, message: `unknown manufacturer "${slug}"` }]);
    return mf;
  }

  /** Resellers see what routing and the live preview need, not where manufacturers' webhooks point. */
  async list(forStaff: boolean): Promise<ManufacturerDoc[]> {
    return [...(await this.all()).values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => toView(e, forStaff));
  }

  async get(slug: string, forStaff: boolean): Promise<ManufacturerDoc> {
    const m = await this.bySlug(slug);
    if (!m) throw new NotFoundException('Manufacturer');
    return toView(m, forStaff);
  }

  /** A manufacturer's configuration as it was in each revision, newest first, with who changed what. */
  async revisions(slug: string): Promise<ManufacturerRevisionDoc[]> {
    return this.db.run(ALL_TENANTS, async () => {
      const mf = await this.repo.findBySlug(slug);
      if (!mf) throw new NotFoundException('Manufacturer');
      const views = (await this.repo.revisions(mf.id)).map((r) => ({
        changedBy: r.changedBy,
        view: toView({
          ...mf,
          name: r.name,
          config: r.config,
          returnAddress: r.returnAddress,
          revision: r.revision,
          updatedAt: r.changedAt,
        }),
      }));
      return views.map(({ changedBy, view }, i) => {
        const before = views[i + 1]?.view;
        return {
          revision: view.revision,
          changedAt: view.updatedAt,
          changedBy,
          changed: before ? changedFields(before, view) : [],
          manufacturer: view,
        };
      });
    });
  }

  async create(actor: Principal, dto: ManufacturerDto): Promise<ManufacturerDoc> {
    const config = this.validate(dto);
    const saved = await this.db.run(ALL_TENANTS, async () => {
      await this.repo.setActor(actor);
      if (await this.repo.findBySlug(dto.slug)) {
        throw new AppException(ErrorCode.CONFLICT, `Manufacturer ${dto.slug} exists`, [
          { field: 'slug', message: 'already taken' },
        ]);
      }
      const inserted = await this.repo.insert({
        slug: dto.slug,
        name: dto.name,
        config,
        returnAddress: dto.returnAddress ?? null,
      });
      return (await this.repo.findById(inserted.id))!; // with what the database set (its revision)
    });
    this.invalidate();
    return toView(saved);
  }

  async update(actor: Principal, slug: string, dto: ManufacturerDto): Promise<ManufacturerDoc> {
    const config = this.validate(dto);
    if (dto.slug !== slug) throw new ValidationException([{ field: 'slug', message: 'cannot change' }]);
    const saved = await this.db.run(ALL_TENANTS, async () => {
      await this.repo.setActor(actor);
      const existing = await this.repo.findBySlug(slug);
      if (!existing) throw new NotFoundException('Manufacturer');
      await this.repo.update(existing.id, {
        name: dto.name,
        config,
        returnAddress: dto.returnAddress ?? null,
      });
      return (await this.repo.findById(existing.id))!;
    });
    this.invalidate();
    return toView(saved);
  }
}
