import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ManufacturerConfig } from '@rma/rules';

@Entity('manufacturers')
export class ManufacturerEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar' }) slug: string;
  @Column({ type: 'varchar' }) name: string;
  @Column({ type: 'jsonb' }) config: ManufacturerConfig;
  @Column({ name: 'return_address', type: 'text', nullable: true }) returnAddress: string | null;
  /** Raised by the database on every change (migration 1764000001300); tickets record the one that decided them. */
  @Column({ type: 'integer', insert: false, update: false }) revision: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
