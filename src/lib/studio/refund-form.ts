import { z } from 'zod';

/** A refund from the studio: all or part of what is left, with Stripe's reasons. */
export const refundReasons = ['requested_by_customer', 'duplicate', 'fraudulent'] as const;

export const refundForm = z.object({
	/** Made when the page is shown: the Idempotency-Key, so a double submit refunds once. */
	requestId: z.uuid(),
	amount: z
		.string()
		.trim()
		.regex(
			/^(\d{1,7}([.,]\d{1,2})?)?$/,
			'Type an amount such as 5 or 4.50, or leave it empty for all.'
		),
	reason: z.enum(refundReasons, 'Choose a reason.'),
	note: z.string().trim().max(500, 'Keep the note under 500 characters.')
});

export type RefundFormData = z.infer<typeof refundForm>;
