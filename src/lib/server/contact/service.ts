import { createHash, createHmac } from 'node:crypto';
import {
	CONTACT_RATE_LIMIT,
	CONTACT_TOPICS,
	contactValues,
	isHoneypotFilled,
	isOverLimit,
	parseContactForm,
	rateLimitSubject,
	type ContactErrors,
	type ContactInput,
	type ContactTopic,
	type ContactValues
} from '$lib/domain/contact';
import type { Locale } from '$lib/domain/network';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import { NetworkNotFoundError } from '../errors';
import { newId, nowIso } from '../ids';
import type { MailMessage, Mailer } from '../mail';
import { findDefaultNetwork, findNetworkBySlug, type Network } from '../networks/queries';
import {
	countRateEventsSince,
	deleteRateEventsBefore,
	insertRateEvent
} from '../rate-limit/queries';
import {
	findCoalitionInNetwork,
	insertContactMessage,
	listCoalitionChoices,
	markEmailFailed,
	markEmailSent
} from './queries';

export interface CoalitionChoice {
	slug: string;
	/** the name, with its district or city so that namesakes can be told apart */
	label: string;
}

export interface ContactFormOptions {
	topics: readonly ContactTopic[];
	coalitions: CoalitionChoice[];
}

async function resolveNetwork(db: Db, slug?: string): Promise<Network> {
	const network = slug ? await findNetworkBySlug(db, slug) : await findDefaultNetwork(db);
	if (!network) throw new NetworkNotFoundError(slug ?? '(default)');
	return network;
}

/** What the form's `<select>`s offer: the topics and the coalitions of the network, by name. */
export async function contactFormOptions(
	db: Db,
	locale: Locale,
	networkSlug?: string
): Promise<ContactFormOptions> {
	const network = await resolveNetwork(db, networkSlug);
	const rows = await listCoalitionChoices(db, network.id);
	const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
	const coalitions = rows
		.map((r) => {
			const area = r.parent_name ?? (r.place_name !== r.name ? r.place_name : null);
			return { slug: r.slug, name: r.name, label: area ? `${r.name} (${area})` : r.name };
		})
		.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.label, b.label))
		.map(({ slug, label }) => ({ slug, label }));
	return { topics: CONTACT_TOPICS, coalitions };
}

export interface SubmitContactInput {
	/** the posted fields, as text */
	form: Record<string, string>;
	clientAddress: string;
	locale: Locale;
	networkSlug?: string;
	/** the server's secret: keys the address hash so it cannot be reversed by trying every IPv4 */
	hashKey?: string;
}

export type SubmitContactResult =
	| { status: 'sent' }
	| { status: 'invalid'; errors: ContactErrors; values: ContactValues }
	| { status: 'rate_limited'; values: ContactValues };

export const CONTACT_RATE_KEY_PREFIX = 'contact:';

/**
 * The rate-limit key of an address. Only a hash is stored: an IP address is personal data
 * (Ley 29733), and the events are deleted once they leave the window anyway.
 */
export function contactRateKey(clientAddress: string, hashKey?: string): string {
	const subject = rateLimitSubject(clientAddress);
	const digest = (hashKey ? createHmac('sha256', hashKey) : createHash('sha256'))
		.update(subject)
		.digest('hex');
	return CONTACT_RATE_KEY_PREFIX + digest;
}

export async function submitContact(
	db: Db,
	input: SubmitContactInput,
	mailer?: Mailer | null
): Promise<SubmitContactResult> {
	// A bot that filled the hidden field is told it succeeded, so it has nothing to learn from.
	if (isHoneypotFilled(input.form)) return { status: 'sent' };

	const parsed = parseContactForm(input.form);
	if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, values: parsed.values };
	const value = parsed.value;

	const network = await resolveNetwork(db, input.networkSlug);
	let coalition: { id: string; name: string } | undefined;
	if (value.coalition) {
		coalition = await findCoalitionInNetwork(db, network.id, value.coalition);
		if (!coalition) {
			return {
				status: 'invalid',
				errors: { coalition: 'coalition_unknown' },
				values: contactValues(input.form)
			};
		}
	}

	const now = new Date();
	const createdAt = now.toISOString();
	const windowStart = new Date(now.getTime() - CONTACT_RATE_LIMIT.windowMs).toISOString();
	const key = contactRateKey(input.clientAddress, input.hashKey);
	await deleteRateEventsBefore(db, CONTACT_RATE_KEY_PREFIX, windowStart);
	if (isOverLimit(await countRateEventsSince(db, key, windowStart))) {
		return { status: 'rate_limited', values: contactValues(input.form) };
	}
	await insertRateEvent(db, { id: newId(), key, created_at: createdAt });

	const id = newId();
	await insertContactMessage(db, {
		id,
		network_id: network.id,
		coalition_id: coalition?.id ?? null,
		name: value.name,
		email: value.email,
		topic: value.topic,
		message: value.message,
		locale: input.locale,
		status: 'new',
		created_at: createdAt
	});

	if (mailer) {
		const mail = contactMail(network, value, coalition?.name, input.locale);
		await notifyNetwork(db, mailer, network, id, { ...mail, replyTo: value.email });
	}
	return { status: 'sent' };
}

/**
 * Mails the message to the network's address. The message is already stored, so a failure is
 * only recorded for staff: the visitor has done everything right.
 */
async function notifyNetwork(
	db: Db,
	mailer: Mailer,
	network: Network,
	id: string,
	mail: Omit<MailMessage, 'to'>
): Promise<void> {
	if (!network.contact_email) {
		await markEmailFailed(db, id, 'the network has no contact address');
		return;
	}
	try {
		await mailer.send({ ...mail, to: network.contact_email });
		await markEmailSent(db, id, nowIso());
	} catch (e) {
		const reason = e instanceof Error ? e.message : String(e);
		await markEmailFailed(db, id, reason.slice(0, 500) || 'unknown error');
	}
}

/** Staff read the network's mail in Spanish, whatever language the visitor wrote in. */
const STAFF_LOCALE = 'es';

const topicLabels: Record<ContactTopic, (i?: object, o?: { locale?: Locale }) => string> = {
	general: m.contact_topic_general,
	join: m.contact_topic_join,
	start_coalition: m.contact_topic_start_coalition,
	training: m.contact_topic_training,
	media: m.contact_topic_media,
	partnership: m.contact_topic_partnership,
	other: m.contact_topic_other
};

export function contactMail(
	network: Pick<Network, 'name_es'>,
	value: ContactInput,
	coalitionName: string | undefined,
	visitorLocale: Locale
): { subject: string; text: string } {
	const o = { locale: STAFF_LOCALE } as const;
	const topic = topicLabels[value.topic]({}, o);
	const lines = [
		m.contact_mail_intro({ network: network.name_es }, o),
		'',
		`${m.contact_mail_name({}, o)}: ${value.name}`,
		`${m.contact_mail_email({}, o)}: ${value.email}`,
		`${m.contact_mail_topic({}, o)}: ${topic}`,
		...(coalitionName ? [`${m.contact_mail_coalition({}, o)}: ${coalitionName}`] : []),
		`${m.contact_mail_locale({}, o)}: ${visitorLocale}`,
		'',
		`${m.contact_mail_message({}, o)}:`,
		'',
		value.message,
		'',
		'-- ',
		m.contact_mail_reply_hint({}, o)
	];
	return {
		subject: m.contact_mail_subject({ topic, name: value.name }, o),
		text: lines.join('\n') + '\n'
	};
}
