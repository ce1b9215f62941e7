import { num, readConfigToml, table, type Table } from './toml.ts';

/**
 * Every port of the local stack, in one place. The Supabase services' ports come from
 * `supabase/config.toml`, as `supabase start` reads them, so both stacks answer on the same ones;
 * the rest are fixed here because config.toml has no key for them.
 */
export interface StackPorts {
	/** `[api] port`: the gateway (Kong's place): `/auth/v1`, `/storage/v1`, `/functions/v1`. */
	api: number;
	/** `[db] port`: PostgreSQL. */
	db: number;
	/** `[local_smtp] port`: the mail catcher's web UI and API (Mailpit in the CLI, maildev here). */
	mailWeb: number;
	/** `[local_smtp] smtp_port`: the mail catcher's SMTP. */
	mailSmtp: number;
	/** The auth server; GoTrue's own default, which the CLI keeps inside its Docker network. */
	auth: number;
	/** Serves the email templates to a real GoTrue binary (`GOTRUE_BIN`), as the CLI's nginx does. */
	authTemplates: number;
	/**
	 * The storage server, behind the gateway at `/storage/v1`. Not storage-api's own 5000, which
	 * macOS gives to AirPlay; beside the auth server's ports instead.
	 */
	storage: number;
	/** The Stripe emulator (Stripe has no local edition, so config.toml knows nothing of it). */
	stripe: number;
	/** `stripe-mock`, beside the emulator (its own default, 12111, is the emulator's). */
	stripeMock: number;
}

/** The Supabase CLI's defaults, used where config.toml leaves a port out. */
const supabaseDefaults = { api: 54321, db: 54322, mailWeb: 54324, mailSmtp: 54325 };

const fixedPorts = {
	auth: 9999,
	authTemplates: 9998,
	storage: 9997,
	stripe: 12111,
	stripeMock: 12113
};

/** The stack's ports from a parsed config.toml. */
export function portsOf(config: Table): StackPorts {
	const smtp = table(config.local_smtp);
	return {
		api: num(table(config.api).port, supabaseDefaults.api),
		db: num(table(config.db).port, supabaseDefaults.db),
		mailWeb: num(smtp.port, supabaseDefaults.mailWeb),
		mailSmtp: num(smtp.smtp_port, supabaseDefaults.mailSmtp),
		...fixedPorts
	};
}

/** The stack's ports from `<supabaseDir>/config.toml`. */
export const readPorts = (supabaseDir: string): StackPorts => portsOf(readConfigToml(supabaseDir));
