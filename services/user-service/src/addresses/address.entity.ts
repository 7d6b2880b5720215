import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('addresses')
export class AddressEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('text')
  line1!: string;

  @Column('text', { nullable: true })
  line2!: string | null;

  @Column('text')
  city!: string;

  @Column('text', { name: 'postal_code' })
  postalCode!: string;

  @Column('char', { length: 2 })
  country!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export interface AddressView {
  id: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

export const toAddressView = (address: AddressEntity): AddressView => ({
  id: address.id,
  line1: address.line1,
  ...(address.line2 ? { line2: address.line2 } : {}),
  city: address.city,
  postalCode: address.postalCode,
  country: address.country,
});
