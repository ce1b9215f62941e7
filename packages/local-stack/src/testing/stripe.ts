import Stripe from 'stripe';

/** The official SDK pointed at a base URL the way the store configures it: host, port, protocol. */
export function stripeClient(baseUrl: string, key: string): Stripe {
	const url = new URL(baseUrl);
	return new Stripe(key, {
		host: url.hostname,
		port: Number(url.port),
		protocol: url.protocol.replace(':', '') as 'http' | 'https',
		maxNetworkRetries: 0
	});
}
