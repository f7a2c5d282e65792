// Offline drafts for the activity log. The form works without JavaScript; where this module
// runs, what is typed is kept in localStorage (a reload or a dropped connection loses nothing),
// an activity submitted while offline waits in an outbox on the device, and the outbox is sent to
// the same form action once the browser is back online. Each draft carries a client_draft_id, and
// the server records a draft id once, so an entry sent twice is stored once.
// The page renders every visible text into data- attributes: nothing here is in one language.

const DRAFT_PREFIX = 'minka:activity-draft:';
const OUTBOX_PREFIX = 'minka:activity-outbox:';

/**
 * @typedef {Record<string, string | string[]>} Fields
 * @typedef {{ id: string, action: string, body: string, savedAt: string }} OutboxEntry
 * @typedef {'accepted' | 'rejected' | 'retry'} Outcome
 */

/**
 * A token the server accepts as a draft id (letters, digits, - and _).
 * @param {() => number} [random]
 * @param {number} [now]
 */
export function newDraftId(random = Math.random, now = Date.now()) {
	let tail = '';
	for (let i = 0; i < 3; i++) tail += Math.floor(random() * 0x10000000).toString(36);
	return `d${now.toString(36)}-${tail}`;
}

/**
 * Form entries as one record; repeated names (the sector boxes) become lists.
 * @param {Iterable<[string, unknown]>} entries
 * @param {ReadonlySet<string>} [multiple] names that are always lists, even with one value
 * @returns {Fields}
 */
export function fieldsOf(entries, multiple = new Set()) {
	/** @type {Fields} */
	const out = {};
	for (const [name, value] of entries) {
		if (typeof value !== 'string') continue;
		const seen = out[name];
		if (seen === undefined) out[name] = multiple.has(name) ? [value] : value;
		else out[name] = Array.isArray(seen) ? [...seen, value] : [seen, value];
	}
	return out;
}

/**
 * Whether two sets of fields say the same thing, the draft id aside: a form still showing what
 * the server put in it is not a draft worth keeping.
 * @param {Fields} a
 * @param {Fields} b
 */
export function sameFields(a, b) {
	const norm = (/** @type {Fields} */ f) =>
		JSON.stringify(
			Object.keys(f)
				.filter((k) => k !== 'clientDraftId')
				.sort()
				.map((k) => [k, f[k]])
				.filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0))
		);
	return norm(a) === norm(b);
}

/**
 * The urlencoded body a browser would post for these fields.
 * @param {Fields} fields
 */
export function bodyOf(fields) {
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(fields)) {
		for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
	}
	return params.toString();
}

/**
 * The fields back from a body (to put a refused entry back into the form).
 * @param {string} body
 * @param {ReadonlySet<string>} [multiple]
 */
export function fieldsOfBody(body, multiple) {
	return fieldsOf(new URLSearchParams(body).entries(), multiple);
}

/**
 * The outbox with this entry in it, once: the same draft id replaces the older copy.
 * @param {OutboxEntry[]} outbox
 * @param {OutboxEntry} entry
 */
export function withEntry(outbox, entry) {
	return [...outbox.filter((e) => e.id !== entry.id), entry];
}

/**
 * @param {OutboxEntry[]} outbox
 * @param {string} id
 */
export function withoutEntry(outbox, id) {
	return outbox.filter((e) => e.id !== id);
}

/**
 * What the answer of a form action to a fetch means for an outbox entry. SvelteKit answers a
 * POST sent with `accept: application/json` and `x-sveltekit-action: true` with an ActionResult:
 * a redirect or success means it was recorded (or had been already), a failure means the server
 * refused the fields and sending again will not help; anything else (signed out, server down, a
 * proxy's error page) is worth another try later.
 * @param {number} status
 * @param {unknown} result the parsed JSON body, or null when there was none
 * @returns {Outcome}
 */
export function outcomeOf(status, result) {
	const type =
		result && typeof result === 'object' && 'type' in result ? String(result.type) : null;
	if (type === 'redirect' || type === 'success') return 'accepted';
	if (type === 'failure' && status >= 400 && status < 500) return 'rejected';
	return 'retry';
}

/**
 * Whether an unknown value read from storage is a well-formed outbox.
 * @param {unknown} value
 * @returns {OutboxEntry[]}
 */
export function parseOutbox(value) {
	if (!Array.isArray(value)) return [];
	return value.filter(
		(e) =>
			e &&
			typeof e.id === 'string' &&
			typeof e.action === 'string' &&
			typeof e.body === 'string' &&
			typeof e.savedAt === 'string'
	);
}

/**
 * Fill in a text template's {n}.
 * @param {string | undefined} template
 * @param {number} n
 */
export function fill(template, n) {
	return (template ?? '').replace('{n}', String(n));
}

/** @param {string} key */
function read(key) {
	try {
		const text = window.localStorage.getItem(key);
		return text ? JSON.parse(text) : null;
	} catch {
		return null;
	}
}

/**
 * @param {string} key
 * @param {unknown} value
 */
function write(key, value) {
	try {
		if (value === null) window.localStorage.removeItem(key);
		else window.localStorage.setItem(key, JSON.stringify(value));
		return true;
	} catch {
		// Private browsing or a full storage: the form still works, it just keeps nothing.
		return false;
	}
}

/** @param {HTMLFormElement} form */
function start(form) {
	const key = form.dataset.draftKey ?? 'default';
	const draftKey = DRAFT_PREFIX + key;
	const outboxKey = OUTBOX_PREFIX + key;
	const text = form.dataset;
	const status = /** @type {HTMLElement | null} */ (document.querySelector('[data-draft-status]'));
	const help = form.querySelector('[data-draft-help]');
	const clear = /** @type {HTMLButtonElement | null} */ (form.querySelector('[data-draft-clear]'));
	const draftInput = /** @type {HTMLInputElement | null} */ (
		form.querySelector('input[name="clientDraftId"]')
	);
	const multiple = new Set(
		Array.from(form.querySelectorAll('input[type="checkbox"]')).map(
			(el) => /** @type {HTMLInputElement} */ (el).name
		)
	);
	const current = () => fieldsOf(new FormData(form).entries(), multiple);
	const initial = current();
	let sending = false;

	/**
	 * @param {string} message
	 * @param {'ok' | 'error' | ''} [tone]
	 * @param {boolean} [refresh] add a link that reloads the list
	 */
	function say(message, tone = '', refresh = false) {
		reveal();
		// The notice of an earlier save would contradict what is said now.
		document.querySelector('[data-saved-notice]')?.setAttribute('hidden', '');
		if (!status) return;
		status.className = `notice draft-status ${tone}`.trim();
		status.textContent = message;
		if (refresh) {
			const link = document.createElement('a');
			link.href = window.location.pathname;
			link.textContent = text.textRefresh ?? '';
			status.append(' ', link);
		}
		status.hidden = false;
	}

	/** The form may sit in a closed <details>: a draft or a message must not stay hidden. */
	function reveal() {
		const details = form.closest('details');
		if (details) details.open = true;
	}

	/** @param {Fields} fields */
	function fillForm(fields) {
		for (const el of Array.from(form.elements)) {
			const input = /** @type {HTMLInputElement} */ (el);
			if (!input.name || input.type === 'submit' || input.type === 'button') continue;
			const value = fields[input.name];
			if (input.type === 'checkbox') {
				const list = Array.isArray(value) ? value : value ? [value] : [];
				input.checked = list.includes(input.value);
			} else if (value !== undefined) {
				input.value = Array.isArray(value) ? (value[0] ?? '') : value;
			}
		}
	}

	function ensureDraftId() {
		if (draftInput && !draftInput.value) draftInput.value = newDraftId();
	}

	function keepDraft() {
		const fields = current();
		write(draftKey, sameFields(fields, initial) ? null : fields);
	}

	function outbox() {
		return parseOutbox(read(outboxKey));
	}

	function showPending() {
		const n = outbox().length;
		if (n) say(fill(text.textPending, n));
	}

	/** @param {string} action @param {string} body */
	async function post(action, body) {
		const response = await fetch(action, {
			method: 'POST',
			headers: {
				accept: 'application/json',
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body,
			credentials: 'same-origin'
		});
		let result = null;
		try {
			result = await response.json();
		} catch {
			result = null;
		}
		return { outcome: outcomeOf(response.status, result), result };
	}

	async function flush() {
		if (sending || !navigator.onLine) return;
		const entries = outbox();
		if (!entries.length) return;
		sending = true;
		let sent = 0;
		let refused = false;
		try {
			for (const entry of entries) {
				let outcome;
				try {
					outcome = (await post(entry.action, entry.body)).outcome;
				} catch {
					break; // still offline after all: keep the rest for the next try
				}
				if (outcome === 'retry') break;
				write(outboxKey, withoutEntry(outbox(), entry.id));
				if (outcome === 'accepted') sent += 1;
				else if (sameFields(current(), initial)) {
					// Refused (a day now in the future, a task since removed…): back into the empty
					// form, where sending it shows the server's message next to the field.
					fillForm(fieldsOfBody(entry.body, multiple));
					keepDraft();
					refused = true;
				} else {
					write(outboxKey, withEntry(outbox(), entry));
				}
			}
		} finally {
			sending = false;
		}
		if (refused) say(text.textRejected ?? '', 'error');
		else if (sent) say(fill(text.textSent, sent), 'ok', true);
		else showPending();
	}

	function saveOffline() {
		ensureDraftId();
		const fields = current();
		const entry = {
			id: String(fields.clientDraftId),
			action: form.action,
			body: bodyOf(fields),
			savedAt: new Date().toISOString()
		};
		if (!write(outboxKey, withEntry(outbox(), entry))) return false;
		write(draftKey, null);
		form.reset();
		if (draftInput) draftInput.value = newDraftId();
		say(text.textOffline ?? '', 'ok');
		status?.focus();
		status?.scrollIntoView({ block: 'center' });
		return true;
	}

	form.addEventListener('submit', async (event) => {
		if (!form.checkValidity()) return;
		event.preventDefault();
		ensureDraftId();
		keepDraft();
		if (!navigator.onLine && saveOffline()) return;
		let answer;
		try {
			answer = await post(form.action, bodyOf(current()));
		} catch {
			if (saveOffline()) return;
			form.submit();
			return;
		}
		if (answer.outcome === 'accepted') {
			write(draftKey, null);
			const result = /** @type {{ location?: string }} */ (answer.result);
			window.location.assign(result.location ?? window.location.pathname);
		} else {
			// Refused fields or an unexpected answer: the normal submit lets the server render the
			// page with its messages next to the fields (nothing is recorded twice: the draft id).
			form.submit();
		}
	});

	form.addEventListener('input', keepDraft);
	form.addEventListener('change', keepDraft);
	clear?.addEventListener('click', () => {
		write(draftKey, null);
		for (const el of Array.from(form.elements)) {
			const input = /** @type {HTMLInputElement} */ (el);
			if (input.type === 'checkbox') input.checked = false;
			else if (input.name && input.type !== 'submit' && input.type !== 'button') input.value = '';
		}
		fillForm(initial);
		if (draftInput) draftInput.value = newDraftId();
		if (status) status.hidden = true;
	});

	// A page sent back with the server's messages shows what was posted: that is the draft now.
	const saved = read(draftKey);
	if (form.dataset.hasErrors) keepDraft();
	else if (saved && typeof saved === 'object' && !Array.isArray(saved)) {
		fillForm(/** @type {Fields} */ (saved));
		say(text.textRestored ?? '');
	}
	ensureDraftId();
	if (help) /** @type {HTMLElement} */ (help).hidden = false;
	if (clear) clear.hidden = false;
	showPending();
	window.addEventListener('online', flush);
	flush();
}

if (typeof document !== 'undefined') {
	const form = document.querySelector('form[data-activity-drafts]');
	if (form instanceof HTMLFormElement && 'localStorage' in window && 'fetch' in window) {
		start(form);
	}
}
