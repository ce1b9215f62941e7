// Lighthouse (mobile, its default: a mid-range phone on a slow 4G network, simulated) on the
// store's pages, in the Chromium the tests drive (CHROMIUM_PATH, else Debian's).
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumLaunchOptions } from '@storefront/local-stack';

export interface Scores {
	performance: number;
	accessibility: number;
	'best-practices': number;
	seo: number;
}

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

/** Scores (0–100) of each page; `cookie` signs the browser in for the pages that need it. */
export async function lighthouseScores(pages: { name: string; url: string; cookie?: string }[]) {
	const chrome = await chromeLauncher.launch({
		chromePath: (await chromiumLaunchOptions()).executablePath,
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage']
	});
	const scores: Record<string, Scores> = {};
	try {
		for (const page of pages) {
			const result = await lighthouse(page.url, {
				port: chrome.port,
				output: 'json',
				logLevel: 'error',
				onlyCategories: [...categories],
				extraHeaders: page.cookie ? { cookie: page.cookie } : undefined
			});
			if (!result) throw new Error(`Lighthouse gave no result for ${page.url}`);
			const { lhr } = result;
			if (lhr.runtimeError) throw new Error(`${page.url}: ${lhr.runtimeError.message}`);
			scores[page.name] = Object.fromEntries(
				categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])
			) as unknown as Scores;
		}
	} finally {
		chrome.kill();
	}
	return scores;
}
