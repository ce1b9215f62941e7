/** The store under e2e test: its production build, on the preview port the auth allow-list knows. */
export const e2ePort = 4173;
export const e2eBaseUrl = `http://127.0.0.1:${e2ePort}`;

/**
 * Settings of the store under test: the same code as production, with shorter waits so a test
 * sees the purchase email of a buyer who never came back within seconds, not ten minutes.
 */
export const e2eAppEnv: Record<string, string> = {
	PORT: String(e2ePort),
	HOST: '127.0.0.1',
	ORIGIN: e2eBaseUrl,
	PURCHASE_RETURN_WINDOW_SECONDS: '6',
	PURCHASE_EMAIL_POLL_SECONDS: '0.5',
	LOGIN_EMAIL_COOLDOWN_SECONDS: '2',
	LOGIN_EMAILS_PER_HOUR: '3',
	// Every test browser is 127.0.0.1: the per-IP limit would count the whole suite as one visitor.
	LOGIN_REQUESTS_PER_IP_PER_HOUR: '100000',
	LOGIN_CODE_ATTEMPTS: '5'
};
