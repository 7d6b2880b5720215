import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@ecommerce/auth';
import { AddressesService } from './addresses.service';
import { CreateAddressDto } from './dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users/me/addresses')
export class AddressesController {
  constructor(private readonly addresses: AddressesService) {}

  @Get()
  list(@CurrentUser() user: AuthUser) {
    return this.addresses.list(user.id);
  }

  @Post()
  add(@CurrentUser() user: AuthUser, @Body() dto: CreateAddressDto) {
    return this.addresses.add(user.id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.addresses.remove(user.id, id);
  }
}
