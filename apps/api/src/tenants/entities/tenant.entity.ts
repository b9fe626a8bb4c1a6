import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('tenants')
export class TenantEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar' }) slug: string;
  @Column({ type: 'varchar' }) name: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ name: 'restocking_fee_percent', type: 'numeric', nullable: true, transformer: numeric })
  restockingFeePercent: number | null;
  @Column({ name: 'restocking_fee_min_minor', type: 'integer', nullable: true }) restockingFeeMinMinor:
    number | null;
  @Column({ name: 'return_window_days', type: 'integer', nullable: true }) returnWindowDays: number | null;
  @Column({ name: 'delivery_error_window_days', type: 'integer', nullable: true }) deliveryErrorWindowDays:
    number | null;
  @Column({ name: 'return_address', type: 'text', nullable: true }) returnAddress: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
