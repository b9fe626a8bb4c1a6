import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ManufacturerEntity } from './entities/manufacturer.entity.js';

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
  async update(m: EntityManager, id: string, values: Partial<ManufacturerEntity>): Promise<void> {
    await m.getRepository(ManufacturerEntity).update({ id }, values as never);
  }
}
