import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { readPorts } from '../config/ports.ts';
import { loadConfig } from '../config/supabase-config.ts';

/**
 * For a real GoTrue (GOTRUE_BIN): GoTrue fetches custom email templates over HTTP, so this serves
 * each `[auth.email.template.<key>] content_path` as `/email/<key>.html`, read on every request
 * (GoTrue reloads them), as the Supabase CLI's nginx does.
 */
const workdir = process.env.STACK_WORKDIR ?? process.cwd();
const supabaseDir = path.join(workdir, 'supabase');
const port = Number(process.env.AUTH_TEMPLATES_PORT ?? readPorts(supabaseDir).authTemplates);

http
	.createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://templates');
		if (url.pathname === '/health') return void res.writeHead(200).end('ok');
		const key = /^\/email\/([a-z_]+)\.html$/.exec(url.pathname)?.[1];
		const template = key ? loadConfig(supabaseDir).auth.email.templates[key] : undefined;
		if (!template?.contentPath) return void res.writeHead(404).end();
		try {
			const body = await readFile(template.contentPath);
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
		} catch {
			res.writeHead(404).end();
		}
	})
	.listen(port, '127.0.0.1', () =>
		console.log(`auth templates on http://127.0.0.1:${port}/email/<key>.html`)
	);
