import { chromium, type Browser } from '@playwright/test';

/**
 * Debian's Chromium, the only browser these machines can have (browser downloads fail). The flags
 * keep it off the network it cannot reach, as the machine's own probe starts it.
 */
export const chromiumLaunchOptions = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	headless: true,
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--disable-dev-shm-usage'
	]
};

export const launchChromium = (): Promise<Browser> => chromium.launch(chromiumLaunchOptions);
