import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type LaunchOptions } from '@playwright/test';

/**
 * The Chromium the tests drive (Playwright cannot download browsers here): `CHROMIUM_PATH`, by
 * default Debian's `/usr/bin/chromium`; when that is missing, the one npm's `@sparticuz/chromium`
 * ships (a headless build, unpacked once into the temp folder), so a machine with nothing but
 * Node and npm runs the e2e tests. `CHROMIUM_PATH=/nonexistent` tries the packaged one here.
 */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Keep it off the network it cannot reach, as the machine's own probe starts it. */
const ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage'
];

/** Whether the dynamic linker finds every shared library a binary needs on this system. */
function linksHere(binary: string) {
	try {
		return !/not found/.test(execFileSync('ldd', [binary], { encoding: 'utf8' }));
	} catch {
		return true;
	}
}

async function packagedChromium(): Promise<LaunchOptions> {
	const { default: packaged, inflate } = await import('@sparticuz/chromium');
	const executablePath = await packaged.executablePath();
	// Its own fonts (the system may have none), unpacked beside it.
	const env: Record<string, string> = { FONTCONFIG_PATH: path.join(tmpdir(), 'fonts') };
	// NSS and friends, built for Amazon Linux 2023, for a system that lacks them.
	if (!linksHere(executablePath)) {
		const bin = fileURLToPath(new URL('../bin', import.meta.resolve('@sparticuz/chromium')));
		const libraries = path.join(await inflate(path.join(bin, 'al2023.tar.br')), 'lib');
		env.LD_LIBRARY_PATH = [libraries, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
	}
	return { executablePath, env: { ...process.env, ...env } };
}

let options: Promise<LaunchOptions> | undefined;

/** Launch options for the tests' Chromium, the system's or the packaged one. */
export function chromiumLaunchOptions(): Promise<LaunchOptions> {
	options ??= (async () => {
		const wanted = process.env.CHROMIUM_PATH ?? SYSTEM_CHROMIUM;
		const browser = existsSync(wanted) ? { executablePath: wanted } : await packagedChromium();
		return { ...browser, headless: true, args: ARGS };
	})();
	return options;
}

export const launchChromium = async (): Promise<Browser> =>
	chromium.launch(await chromiumLaunchOptions());
