import { Injectable } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { DomainError } from '@ecommerce/http';
import { AddressEntity, toAddressView, type AddressView } from './address.entity';
import type { CreateAddressDto } from './dto';

const MAX_ADDRESSES = 20;

/** A customer's shipping addresses; every query is scoped by the owner's id. */
@Injectable()
export class AddressesService {
  constructor(private readonly db: Database) {}

  async list(userId: string): Promise<AddressView[]> {
    const addresses = await this.db.manager.find(AddressEntity, {
      where: { userId },
      order: { createdAt: 'ASC' },
    });
    return addresses.map(toAddressView);
  }

  async add(userId: string, dto: CreateAddressDto): Promise<AddressView> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [userId]);
      if ((await tx.count(AddressEntity, { where: { userId } })) >= MAX_ADDRESSES) {
        throw new DomainError(
          'TOO_MANY_ADDRESSES',
          'unprocessable',
          `A customer keeps at most ${MAX_ADDRESSES} addresses.`,
        );
      }
      const address = await tx.save(tx.create(AddressEntity, { ...dto, line2: dto.line2 || null, userId }));
      return toAddressView(address);
    });
  }

  async remove(userId: string, addressId: string): Promise<void> {
    const result = await this.db.manager.delete(AddressEntity, { id: addressId, userId });
    if (!result.affected) throw new DomainError('ADDRESS_NOT_FOUND', 'not_found', 'No such address.');
  }
}
