import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@ecommerce/auth';
import { ApiProblems, ApiUuidParam, UuidParam } from '@ecommerce/http';
import { AddressesService } from './addresses.service';
import { AddressViewDto, CreateAddressDto } from './dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users/me/addresses')
export class AddressesController {
  constructor(private readonly addresses: AddressesService) {}

  @Get()
  @ApiOkResponse({ type: [AddressViewDto] })
  list(@CurrentUser() user: AuthUser) {
    return this.addresses.list(user.id);
  }

  @Post()
  @ApiCreatedResponse({ type: AddressViewDto })
  @ApiProblems(422)
  add(@CurrentUser() user: AuthUser, @Body() dto: CreateAddressDto) {
    return this.addresses.add(user.id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiUuidParam('id')
  @ApiNoContentResponse({ description: 'The address is gone' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<void> {
    await this.addresses.remove(user.id, id);
  }
}
