import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ecommerce/auth';
import { ApiProblems, ApiUuidParam, PageQuery, UuidParam } from '@ecommerce/http';
import { ChangeRolesDto, UpdateMeDto, UserPageDto, UserViewDto } from './dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOkResponse({ type: UserViewDto })
  @ApiProblems(404)
  me(@CurrentUser() user: AuthUser) {
    return this.users.get(user.id);
  }

  @Patch('me')
  @ApiOkResponse({ type: UserViewDto })
  @ApiProblems(404)
  updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto) {
    return this.users.rename(user.id, dto.name);
  }

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: PageQuery) {
    return this.users.list(query);
  }

  @Patch(':id/roles')
  @Roles('admin')
  @ApiUuidParam('id')
  @ApiOkResponse({ type: UserViewDto })
  @ApiProblems(409)
  changeRoles(@Param('id', UuidParam) id: string, @Body() dto: ChangeRolesDto) {
    return this.users.changeRoles(id, dto.roles);
  }

  @Delete(':id/sessions')
  @Roles('admin')
  @HttpCode(204)
  @ApiUuidParam('id')
  @ApiNoContentResponse({
    description: 'Every session of the user ended; its access tokens are refused everywhere within 2 s',
  })
  async endSessions(@Param('id', UuidParam) id: string): Promise<void> {
    await this.users.endSessions(id);
  }
}
