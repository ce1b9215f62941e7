// The bench's baseline: node:http answering every request with the same bytes and headers.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const [port, file] = process.argv.slice(2);
const saved = JSON.parse(readFileSync(file, 'utf8')) as {
	body: string;
	headers: Record<string, string>;
};
const body = Buffer.from(saved.body, 'base64');
const headers = { ...saved.headers, 'content-length': String(body.length) };
createServer((_, res) => {
	res.writeHead(200, headers);
	res.end(body);
}).listen(Number(port), '127.0.0.1');
