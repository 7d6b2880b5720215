import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@ecommerce/auth';
import { Database } from '@ecommerce/database';
import { offsetOf, PageQuery, type Page } from '@ecommerce/http';
import { NotificationsRepository, type NotificationView } from './notifications.repository';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/notifications')
export class NotificationsController {
  constructor(private readonly db: Database) {}

  /** The caller's own notifications (email and in-app), newest first. */
  @Get()
  async list(@CurrentUser() user: AuthUser, @Query() query: PageQuery): Promise<Page<NotificationView>> {
    const { items, total } = await NotificationsRepository.pageForUser(
      this.db.manager,
      user.id,
      query.limit,
      offsetOf(query),
    );
    return { items, page: query.page, limit: query.limit, total };
  }
}
