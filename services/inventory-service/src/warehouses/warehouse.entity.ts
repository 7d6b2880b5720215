import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('warehouses')
export class WarehouseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Always stored upper-case: codes are unique case-insensitively. */
  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('char', { length: 2 })
  country!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export interface WarehouseView {
  id: string;
  code: string;
  name: string;
  country: string;
}

export const toWarehouseView = (warehouse: WarehouseEntity): WarehouseView => ({
  id: warehouse.id,
  code: warehouse.code,
  name: warehouse.name,
  country: warehouse.country,
});
