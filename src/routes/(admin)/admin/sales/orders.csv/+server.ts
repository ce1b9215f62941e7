import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { minorUnitDigits } from '$lib/money';
import { requireAdmin } from '$lib/server/admin';
import { ordersInRange, type Order } from '$lib/server/studio/sales';
import { dayRange } from '$lib/studio/range';
import type { RequestHandler } from './$types';

const columns = [
	'created_at',
	'order_id',
	'email',
	'product',
	'amount',
	'amount_refunded',
	'currency',
	'status',
	'stripe_checkout_session',
	'stripe_payment_intent'
];

/** Amounts in the currency's major unit, as in Stripe's own exports. */
const major = (minor: number, currency: string) => {
	const digits = minorUnitDigits(currency.toUpperCase());
	return (minor / 10 ** digits).toFixed(digits);
};

const row = (o: Order) => [
	o.createdAt.toISOString(),
	o.id,
	o.email,
	o.title,
	major(o.amountTotal, o.currency),
	major(o.amountRefunded, o.currency),
	o.currency,
	o.status,
	o.sessionId ?? '',
	o.paymentIntentId ?? ''
];

/** The orders of a range as CSV, streamed page by page from the database. */
export const GET: RequestHandler = async (event) => {
	const user = await requireAdmin(event);
	const range = dayRange(event.url.searchParams);
	async function* rows() {
		for await (const order of ordersInRange(user, { from: range.start, to: range.end })) {
			yield row(order);
		}
	}
	const csv = stringify({ header: true, columns });
	pipeline(Readable.from(rows()), csv, (error) => {
		if (error) console.error('orders CSV stopped:', error);
	});
	return new Response(Readable.toWeb(csv) as ReadableStream, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="orders-${range.from}-to-${range.to}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
