import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * stripe-mock, Stripe's own mock that validates requests against Stripe's OpenAPI spec. The
 * emulator's tests send every kind of request to it as well, so a parameter real Stripe would
 * refuse cannot hide behind the emulator's leniency. Pinned, so the spec it checks against only
 * changes on purpose.
 */
export const STRIPE_MOCK_MODULE = 'github.com/stripe/stripe-mock@v0.203.0';

function goBinDir(): string | undefined {
	try {
		const gopath = execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).trim();
		return path.join(gopath.split(path.delimiter)[0], 'bin');
	} catch {
		return undefined;
	}
}

/** The binary's path: $STRIPE_MOCK_BIN, else `$(go env GOPATH)/bin/stripe-mock`, else ~/go/bin. */
export function stripeMockBinary(): string {
	if (process.env.STRIPE_MOCK_BIN) return process.env.STRIPE_MOCK_BIN;
	const dir = goBinDir() ?? path.join(process.env.HOME ?? '/root', 'go', 'bin');
	return path.join(dir, 'stripe-mock');
}

/** Installs stripe-mock with `go install` when it is missing; throws a clear error without Go. */
export function ensureStripeMock(log: (message: string) => void = console.log): string {
	const binary = stripeMockBinary();
	if (existsSync(binary)) return binary;
	log(
		`Installing stripe-mock (go install ${STRIPE_MOCK_MODULE}); the first time takes a minute...`
	);
	const result = spawnSync('go', ['install', '-v', STRIPE_MOCK_MODULE], {
		stdio: ['ignore', 'inherit', 'inherit']
	});
	if (result.error || result.status !== 0 || !existsSync(binary))
		throw new Error(
			`stripe-mock is not installed and \`go install ${STRIPE_MOCK_MODULE}\` failed: install Go (https://go.dev/dl) or set STRIPE_MOCK_BIN.`
		);
	return binary;
}
