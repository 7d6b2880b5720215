import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ecommerce/auth';
import { UpdateTemplateDto } from './dto';
import { TEMPLATE_KEYS } from './template-catalog';
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
  @ApiParam({ name: 'key', enum: TEMPLATE_KEYS, description: 'Any other key is a 404' })
  update(@CurrentUser() admin: AuthUser, @Param('key') key: string, @Body() dto: UpdateTemplateDto) {
    return this.templates.update(key, { subject: dto.subject, body: dto.body }, admin.id);
  }
}
