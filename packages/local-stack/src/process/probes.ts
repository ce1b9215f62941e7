import net from 'node:net';

// Whether something answers: the checks behind a service's health and a port held by another program.

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host });
		socket.setTimeout(1000);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(false));
	});
}

/** GET a URL and report whether it answered with a 2xx status. */
export async function httpOk(url: string, init?: RequestInit): Promise<boolean> {
	try {
		const response = await fetch(url, { ...init, signal: AbortSignal.timeout(2000) });
		await response.body?.cancel();
		return response.ok;
	} catch {
		return false;
	}
}

/** A loopback port nothing listens on now (taken and released), for a process to listen on. */
export const freePort = () =>
	new Promise<number>((resolve, reject) => {
		const server = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
