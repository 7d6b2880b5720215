import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ecommerce/auth';
import { ApiProblems, ApiUuidParam, UuidParam } from '@ecommerce/http';
import type { Response } from 'express';
import { ReindexJobView } from './dto';
import { ReindexService } from './reindex.service';

@ApiTags('search')
@ApiBearerAuth()
@Controller('api/search/reindex')
export class ReindexController {
  constructor(private readonly reindex: ReindexService) {}

  /** Starts a rebuild from product-service; 409 while another one runs. */
  @ApiProblems(409, 503)
  @Post()
  @Roles('admin')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ReindexJobView })
  async start(@Res({ passthrough: true }) response: Response) {
    const job = await this.reindex.start();
    response.setHeader('Location', `/api/search/reindex/${job.jobId}`);
    return job;
  }

  @ApiProblems(503)
  @Get(':jobId')
  @Roles('admin')
  @ApiOkResponse({ type: ReindexJobView })
  @ApiUuidParam('jobId')
  status(@Param('jobId', UuidParam) jobId: string) {
    return this.reindex.status(jobId);
  }
}
