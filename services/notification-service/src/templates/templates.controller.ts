import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ecommerce/auth';
import { UpdateTemplateDto } from './dto';
import { TemplatesService } from './templates.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/notifications/templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  list() {
    return this.templates.list();
  }

  @Put(':key')
  update(@CurrentUser() admin: AuthUser, @Param('key') key: string, @Body() dto: UpdateTemplateDto) {
    return this.templates.update(key, { subject: dto.subject, body: dto.body }, admin.id);
  }
}
