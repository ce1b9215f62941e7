// Page throughput against the bare node:http floor: each page fetched once, its bytes and headers
// handed to a bare server, then the two measured in alternating rounds (medians), so a busy
// machine slows both alike.
import { bareServer, measure, medianLoad, type Load } from './load.ts';

export interface PageLoad {
	name: string;
	store: Load;
	bare: Load;
	bytes: number;
}

const ROUNDS = 3;
let nextPort = 4261;

export async function pageLoad(
	name: string,
	url: string,
	headers: Record<string, string> = {}
): Promise<PageLoad> {
	// As autocannon asks: no Accept-Encoding (fetch would ask for compression, then undo it).
	const first = await fetch(url, { headers: { ...headers, 'accept-encoding': 'identity' } });
	if (first.status !== 200) throw new Error(`${name}: ${url} answered ${first.status}`);
	const body = Buffer.from(await first.arrayBuffer());
	// The bare server sends the page's own headers, less those a connection sets for itself.
	const perConnection = ['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding'];
	const kept: Record<string, string> = {};
	first.headers.forEach((value, name) => {
		if (!perConnection.includes(name)) kept[name] = value;
	});
	const bare = await bareServer(nextPort++, body, kept);
	try {
		const stores: Load[] = [];
		const bares: Load[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			bares.push(await measure(bare.url, { headers }));
			stores.push(await measure(url, { headers }));
		}
		return {
			name,
			store: medianLoad(stores),
			bare: medianLoad(bares),
			bytes: body.length
		};
	} finally {
		await bare.stop();
	}
}
