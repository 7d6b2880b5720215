export type RefundStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';
export type RefundSource = 'command' | 'admin' | 'provider';

export interface Refund {
  id: string;
  paymentId: string;
  amount: number;
  status: RefundStatus;
  source: RefundSource;
  providerRef: string | null;
  failureCode: string | null;
  createdAt: Date;
  updatedAt: Date;
}
