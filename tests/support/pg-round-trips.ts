import { createServer, connect, type Socket } from 'node:net';

/**
 * A TCP relay in front of Postgres that counts the round trips its clients make: the frontend
 * messages after which a client waits for Postgres (Query, Sync and Flush; see the protocol's
 * "Message Flow"). Parse, Bind or Execute alone cost no wait; what one write carries together
 * ends in one of these. Start the store with DATABASE_URL pointing here.
 */
export async function roundTripCounter(target: { host: string; port: number }) {
	let roundTrips = 0;
	const sockets = new Set<Socket>();
	const server = createServer((client) => {
		const upstream = connect(target.port, target.host);
		sockets.add(client).add(upstream);
		let buffered = Buffer.alloc(0);
		// The startup message (and an SSLRequest before it) has no type byte.
		let untyped = true;
		client.on('data', (chunk) => {
			upstream.write(chunk);
			buffered = Buffer.concat([buffered, chunk]);
			for (;;) {
				const header = untyped ? 4 : 5;
				if (buffered.length < header) break;
				const length = buffered.readUInt32BE(untyped ? 0 : 1) + (untyped ? 0 : 1);
				if (buffered.length < length) break;
				if (untyped) {
					// An SSLRequest (code 80877103) is followed by the startup message, also untyped.
					untyped = buffered.readUInt32BE(4) === 80877103;
				} else if ('QSH'.includes(String.fromCharCode(buffered[0]))) {
					roundTrips++;
				}
				buffered = buffered.subarray(length);
			}
		});
		upstream.on('data', (chunk) => client.write(chunk));
		const close = () => {
			client.destroy();
			upstream.destroy();
		};
		client.on('close', close).on('error', close);
		upstream.on('close', close).on('error', close);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	return {
		port,
		count: () => roundTrips,
		stop: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			})
	};
}
