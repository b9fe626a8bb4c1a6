import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ManufacturerConfig } from '@rma/rules';
import type { Principal } from '../auth/principal.js';
import { ManufacturerEntity } from './entities/manufacturer.entity.js';

export interface ManufacturerRevisionRow {
  revision: number;
  name: string;
  config: ManufacturerConfig;
  returnAddress: string | null;
  changedBy: string | null;
  changedAt: Date;
}

@Injectable()
export class ManufacturersRepository {
  list(m: EntityManager): Promise<ManufacturerEntity[]> {
    return m.getRepository(ManufacturerEntity).find({ order: { name: 'ASC' } });
  }
  findBySlug(m: EntityManager, slug: string): Promise<ManufacturerEntity | null> {
    return m.getRepository(ManufacturerEntity).findOneBy({ slug });
  }
  findById(m: EntityManager, id: string): Promise<ManufacturerEntity | null> {
    return m.getRepository(ManufacturerEntity).findOneBy({ id });
  }
  async insert(m: EntityManager, values: Partial<ManufacturerEntity>): Promise<ManufacturerEntity> {
    const repo = m.getRepository(ManufacturerEntity);
    return repo.save(repo.create(values));
  }
  /** Who the change in this transaction is made by, for the revision the database keeps of it. */
  async setActor(m: EntityManager, actor: Principal): Promise<void> {
    await m.query(`SELECT set_config('app.actor_id', $1, true), set_config('app.actor_label', $2, true)`, [
      actor.kind === 'user' ? actor.id : '',
      actor.label,
    ]);
  }

  /** Every kept version of a manufacturer's configuration, newest first. */
  revisions(m: EntityManager, manufacturerId: string): Promise<ManufacturerRevisionRow[]> {
    return m.query(
      `SELECT revision, name, config, return_address AS "returnAddress", changed_by_label AS "changedBy",
              changed_at AS "changedAt"
         FROM manufacturer_revisions WHERE manufacturer_id = $1 ORDER BY revision DESC`,
      [manufacturerId],
    );
  }

  async update(m: EntityManager, id: string, values: Partial<ManufacturerEntity>): Promise<void> {
    await m.getRepository(ManufacturerEntity).update({ id }, values as never);
  }
}
