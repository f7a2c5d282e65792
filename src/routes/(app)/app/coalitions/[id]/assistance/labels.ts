import { m } from '$lib/paraglide/messages';

export function contactFieldLabels(): Record<string, string> {
	return {
		contactOn: m.ta_field_contact_on(),
		providerId: m.ta_field_provider(),
		providerPerson: m.ta_field_provider_person(),
		mode: m.ta_field_mode(),
		hours: m.ta_field_hours(),
		topic: m.ta_field_topic(),
		summary: m.ta_field_summary()
	};
}

export function followupFieldLabels(): Record<string, string> {
	return {
		action: m.followup_field_action(),
		dueOn: m.followup_field_due_on(),
		owner: m.followup_field_owner(),
		status: m.followup_field_status()
	};
}

export function taModeLabel(mode: string): string {
	return ({ in_person: m.ta_mode_in_person, remote: m.ta_mode_remote }[mode] ?? (() => mode))();
}

export function followupStatusLabel(status: string): string {
	return (
		{
			open: m.followup_status_open,
			done: m.followup_status_done,
			dropped: m.followup_status_dropped
		}[status] ?? (() => status)
	)();
}
