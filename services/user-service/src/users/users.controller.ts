import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ecommerce/auth';
import { PageQuery } from '@ecommerce/http';
import { ChangeRolesDto, UpdateMeDto } from './dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return this.users.get(user.id);
  }

  @Patch('me')
  updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto) {
    return this.users.rename(user.id, dto.name);
  }

  @Get()
  @Roles('admin')
  list(@Query() query: PageQuery) {
    return this.users.list(query);
  }

  @Patch(':id/roles')
  @Roles('admin')
  changeRoles(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ChangeRolesDto) {
    return this.users.changeRoles(id, dto.roles);
  }

  @Delete(':id/sessions')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Every session of the user ended; its access tokens are refused everywhere within 2 s',
  })
  async endSessions(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.users.endSessions(id);
  }
}
