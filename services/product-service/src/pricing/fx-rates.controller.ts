import { Body, Controller, Get, Header, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@ecommerce/auth';
import { ApiProblems, JSON_CONTENT_TYPE } from '@ecommerce/http';
import { FxRatesResponse, PutFxRatesDto } from './dto';
import { FxRatesService } from './fx-rates.service';

@ApiTags('fx-rates')
@Controller('api/products/fx-rates')
export class FxRatesController {
  constructor(private readonly fx: FxRatesService) {}

  @Get()
  @Public()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  @ApiOkResponse({ type: FxRatesResponse })
  current(): Promise<string> {
    return this.fx.currentJson();
  }

  @ApiProblems(422, 503)
  @Put()
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOkResponse({ type: FxRatesResponse })
  replace(@Body() dto: PutFxRatesDto) {
    return this.fx.replace(dto);
  }
}
