import { ApiProperty } from '@nestjs/swagger';

const STATUSES = ['running', 'succeeded', 'failed'];
const PHASES = [
  'preparing',
  'copying-tombstones',
  'loading-products',
  'reconciling',
  'swapping',
  'cleaning-up',
  'done',
];

class ProductCountsView {
  @ApiProperty() loaded!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty() reconciled!: number;
  @ApiProperty() carriedOver!: number;
}

class StockCountsView {
  @ApiProperty() fromInventory!: number;
  @ApiProperty() fromPreviousIndex!: number;
  @ApiProperty() unknown!: number;
}

export class ReindexJobView {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) previousIndex!: string | null;
  @ApiProperty({ nullable: true, type: String }) newIndex!: string | null;
  @ApiProperty({ type: ProductCountsView }) products!: ProductCountsView;
  @ApiProperty({ type: StockCountsView }) stock!: StockCountsView;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}
