/** An order as the studio shows it (sales, an order's page, the CSV). */
export interface Order {
	id: string;
	createdAt: Date;
	email: string;
	title: string;
	amountTotal: number;
	amountRefunded: number;
	currency: string;
	status: 'paid' | 'refunded' | 'disputed';
	sessionId: string | null;
	paymentIntentId: string | null;
	/** A refund was asked for in the studio and Stripe has not confirmed all of it yet. */
	refundPending: boolean;
}
