import net from 'node:net';

/**
 * Whether a PostgreSQL server answers on the port: it replies to an SSLRequest with one byte,
 * `S` or `N`. Quick and certain, where a client library would wait out its retries against a
 * program that is not Postgres.
 */
export function speaksPostgres(port: number, timeoutMs = 1000): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host: '127.0.0.1' });
		const done = (answer: boolean) => {
			socket.destroy();
			resolve(answer);
		};
		socket.setTimeout(timeoutMs, () => done(false));
		socket.once('error', () => done(false));
		socket.once('close', () => done(false));
		socket.once('data', (data) =>
			done(data.length === 1 && (data[0] === 0x53 || data[0] === 0x4e))
		);
		socket.once('connect', () => {
			const request = Buffer.alloc(8);
			request.writeInt32BE(8, 0);
			request.writeInt32BE(80877103, 4);
			socket.write(request);
		});
	});
}
