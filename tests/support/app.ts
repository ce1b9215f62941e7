/** The store under e2e test: its production build, on the preview port the auth allow-list knows. */
export const e2ePort = 4173;
export const e2eBaseUrl = `http://127.0.0.1:${e2ePort}`;

export const e2eAppEnv: Record<string, string> = {
	PORT: String(e2ePort),
	HOST: '127.0.0.1',
	ORIGIN: e2eBaseUrl
};
