import { Injectable } from '@nestjs/common';
import type { ManufacturerConfig } from '@rma/rules';
import type { Principal } from '../auth/principal.js';
import { ManufacturerEntity } from './entities/manufacturer.entity.js';
import { tx } from '../database/database.service.js';

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
  list(): Promise<ManufacturerEntity[]> {
    return tx.manager.getRepository(ManufacturerEntity).find({ order: { name: 'ASC' } });
  }
  findBySlug(slug: string): Promise<ManufacturerEntity | null> {
    return tx.manager.getRepository(ManufacturerEntity).findOneBy({ slug });
  }
  findById(id: string): Promise<ManufacturerEntity | null> {
    return tx.manager.getRepository(ManufacturerEntity).findOneBy({ id });
  }
  async insert(values: Partial<ManufacturerEntity>): Promise<ManufacturerEntity> {
    const repo = tx.manager.getRepository(ManufacturerEntity);
    return repo.save(repo.create(values));
  }
  /** Who the change in this transaction is made by, for the revision the database keeps of it. */
  async setActor(actor: Principal): Promise<void> {
    await tx.query(`SELECT set_config('app.actor_id', $1, true), set_config('app.actor_label', $2, true)`, [
      actor.kind === 'user' ? actor.id : '',
      actor.label,
    ]);
  }

  /** Every kept version of a manufacturer's configuration, newest first. */
  revisions(manufacturerId: string): Promise<ManufacturerRevisionRow[]> {
    return tx.query(
      `SELECT revision, name, config, return_address AS "returnAddress", changed_by_label AS "changedBy",
              changed_at AS "changedAt"
         FROM manufacturer_revisions WHERE manufacturer_id = $1 ORDER BY revision DESC`,
      [manufacturerId],
    );
  }

  async update(id: string, values: Partial<ManufacturerEntity>): Promise<void> {
    await tx.manager.getRepository(ManufacturerEntity).update({ id }, values as never);
  }
}
