import { Controller, Get, Header, SetMetadata } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { register } from 'prom-client';

// Scraped by Prometheus inside the cluster; the gateway does not route it. The key is the one
// @ecommerce/auth reads (that lib depends on this one, so its decorator cannot be imported here).
@SetMetadata('auth:public', true)
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
