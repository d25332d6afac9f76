// One line of text for an event: the board's "last activity" and the feed both use it.

export function describe(event) {
  switch (event.event_type) {
    case 'incident_created': return `created by ${event.incident.source}`;
    case 'incident_updated': return event.previous_state && event.previous_state !== event.incident.state
      ? `${event.previous_state} → ${event.incident.state}` : 'updated';
    case 'incident_resolved': return 'resolved';
    case 'incident_closed': return 'closed';
    case 'alert_received': return `${event.alert.severity} alert from ${event.alert.source}`;
    case 'alert_converted': return `alert from ${event.alert.source} became an incident`;
    case 'escalated': return `escalated ${event.from_severity} → ${event.to_severity}${event.reason ? `: ${event.reason}` : ''}`;
    case 'playbook_started': return `playbook ${event.playbook_name} started`;
    case 'playbook_action_executed':
      return `playbook step ${event.action_name} ${event.success ? 'done' : 'failed'}${event.message ? `: ${event.message}` : ''}`;
    case 'playbook_completed': return `playbook ${event.success ? 'completed' : 'failed'} (${event.actions_executed} steps)`;
    case 'notification_sent': return `notified ${event.channel}${event.success ? '' : ' (failed)'}`;
    case 'assignment_changed': return event.assignees.length ? `assigned to ${event.assignees.join(', ')}` : 'unassigned';
    case 'comment_added': return `${event.author}: ${event.comment}`;
    case 'system_event': return `${event.category}: ${event.message}`;
    default: return event.event_type;
  }
}

/** What the event is about, for the feed: an incident title, an alert title, or nothing. */
export function subjectOf(event) {
  return event.incident?.title ?? event.alert?.title ?? '';
}
