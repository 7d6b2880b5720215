import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@ecommerce/auth';
import { Database } from '@ecommerce/database';
import type { Preferences } from './preference-rules';
import { PreferencesRepository } from './preferences.repository';
import { PreferencesDto } from './dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/notifications/preferences')
export class PreferencesController {
  constructor(private readonly db: Database) {}

  @Get()
  get(@CurrentUser() user: AuthUser): Promise<Preferences> {
    return PreferencesRepository.find(this.db.manager, user.id);
  }

  @Put()
  put(@CurrentUser() user: AuthUser, @Body() dto: PreferencesDto): Promise<Preferences> {
    const preferences: Preferences = {
      email: { marketing: dto.email.marketing, orderUpdates: true },
      inApp: { marketing: dto.inApp.marketing, orderUpdates: dto.inApp.orderUpdates },
    };
    return this.db.transaction((tx) => PreferencesRepository.save(tx, user.id, preferences));
  }
}
