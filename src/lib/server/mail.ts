/**
 * Outgoing mail. Free of `$app`/`$env` so the tests and the CLI can use it: services receive a
 * `Mailer` (or none) and tests pass a fake one.
 */
import { createTransport } from 'nodemailer';

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	replyTo?: string;
}

export interface Mailer {
	send(msg: MailMessage): Promise<void>;
}

export const DEFAULT_FROM = 'Minka <no-reply@localhost>';

/**
 * nodemailer waits up to two minutes to connect and ten for a stalled socket; the visitor waits for
 * the mail to be handed over, so an unreachable server must give up sooner. A timeout written in
 * SMTP_URL's query string still wins.
 */
const TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/** A mailer when SMTP_URL is set (`smtp://user:pass@host:587`, `smtps://…`), otherwise null. */
export function mailerFromEnv(
	env: Record<string, string | undefined> = process.env
): Mailer | null {
	const smtpUrl = env.SMTP_URL?.trim();
	if (!smtpUrl) return null;
	let url: URL;
	try {
		url = new URL(smtpUrl);
	} catch {
		// Messages are still stored without mail, so a typo here must not take the site down.
		console.error('Minka: SMTP_URL is not a valid URL; contact messages will only be stored.');
		return null;
	}
	for (const [key, ms] of Object.entries(TIMEOUTS_MS)) {
		if (!url.searchParams.has(key)) url.searchParams.set(key, String(ms));
	}
	const transport = createTransport(url.toString(), {
		from: env.SMTP_FROM?.trim() || DEFAULT_FROM
	});
	return {
		async send(msg) {
			await transport.sendMail({
				to: msg.to,
				subject: msg.subject,
				text: msg.text,
				...(msg.replyTo ? { replyTo: msg.replyTo } : {})
			});
		}
	};
}
