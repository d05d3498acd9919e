//! The words sample records are made of: names, zones, services, and sentence templates whose
//! `{svc}`, `{name}`, `{dur}` … blanks `text` fills in.

pub(super) const FIRST_NAMES: &[&str] = &[
    "Sam", "Alex", "Priya", "Chen", "Fatima", "Lukas", "Amara", "Diego", "Yuki", "Olga", "Kwame", "Sofia",
    "Mateo", "Aisha", "Jonas", "Mei", "Ravi", "Ingrid", "Tomás", "Leila", "Noah", "Hana", "Emeka", "Clara",
    "Arjun", "Zeynep", "Pedro", "Anika", "Kofi", "Elena", "Ibrahim", "Maya", "Jin", "Astrid", "Rafael",
    "Nadia", "Omar", "Freya", "Hiroshi", "Lucía", "Tariq", "Sven", "Adaeze", "Marco", "Ayesha", "Pavel",
    "Rosa", "Dmitri", "Thandiwe", "Ana", "Kenji", "Bea", "Youssef", "Ewa", "Caleb", "Nia", "Mohammed",
    "Greta", "Luis", "Sakura",
];

pub(super) const LAST_NAMES: &[&str] = &[
    "Rivera",
    "Okafor",
    "Sharma",
    "Wang",
    "Haddad",
    "Müller",
    "Mensah",
    "García",
    "Tanaka",
    "Ivanova",
    "Boateng",
    "Rossi",
    "Fernández",
    "Khan",
    "Larsen",
    "Lin",
    "Patel",
    "Johansson",
    "Silva",
    "Hosseini",
    "Smith",
    "Kim",
    "Eze",
    "Dubois",
    "Nair",
    "Yılmaz",
    "Costa",
    "Schmidt",
    "Asante",
    "Popescu",
    "Abdullah",
    "Cohen",
    "Park",
    "Nilsson",
    "Oliveira",
    "Rahman",
    "Ali",
    "Novak",
    "Sato",
    "López",
    "Mahmoud",
    "Berg",
    "Nwosu",
    "Bianchi",
    "Chowdhury",
    "Kowalski",
    "Moreno",
    "Volkov",
    "Dlamini",
    "Santos",
    "Nakamura",
    "O'Brien",
    "Benali",
    "Nowak",
    "Brown",
    "Achieng",
    "Hussein",
    "Andersen",
    "Torres",
    "Suzuki",
];

pub(super) const TIMEZONES: &[&str] = &[
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/Warsaw",
    "Europe/Helsinki",
    "Europe/Istanbul",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Johannesburg",
    "Africa/Cairo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Dubai",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Shanghai",
    "Asia/Jakarta",
    "Asia/Manila",
    "Australia/Sydney",
    "Australia/Perth",
    "Pacific/Auckland",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "America/Bogota",
];

pub(super) const SERVICES: &[&str] = &[
    "web",
    "api",
    "search",
    "auth",
    "payments",
    "mail",
    "database",
    "cdn",
    "queue",
    "storage",
    "wiki",
    "forum",
    "ci",
    "dns",
    "backups",
    "monitoring",
    "chat",
    "maps",
    "uploads",
    "notifications",
    "billing",
    "docs",
    "mirror",
    "tracker",
];

pub(super) const TITLES: &[&str] = &[
    "{Svc} returns 502 for all users",
    "Slow page loads on {svc}",
    "{Svc} certificate expired",
    "Disk full on the {svc} database host",
    "Login loop on {svc} after deploy",
    "{Svc} down in one region",
    "Elevated error rate on {svc}",
    "{Svc} jobs stuck in the queue",
    "Emails from {svc} not delivered",
    "Intermittent timeouts between {svc} and {svc2}",
    "{Svc} serving stale content",
    "Memory leak in {svc} workers",
    "DNS change broke {svc}",
    "Backups of {svc} failing silently",
    "Spam wave on {svc}",
    "Rate limiting blocks real {svc} users",
    "Broken images on {svc}",
    "{Svc} returns wrong totals",
    "Cron job on {svc} ran twice",
    "High CPU on {svc} after config change",
    "{Svc} unreachable over IPv6",
    "Expired API key for {svc}",
    "Data export from {svc} incomplete",
    "{Svc} and {svc2} out of sync",
];

pub(super) const NOTES: &[&str] = &[
    "Alerts for 5xx on {svc}",
    "Error rate on {svc} at {n}%",
    "Users report {svc} is slow in the forum thread",
    "Latency on {svc} climbing for the last {n} minutes",
    "Logs show connection resets from {svc2}",
    "Checked the last deploy: nothing touched {svc}",
    "{Svc} disk at {n}%",
    "Queue depth on {svc} back to normal",
    "Could not reproduce from here; asking someone in another region",
    "Second report from users, this time about {svc2}",
    "Error rate on {svc} below 0.1% for {n} minutes",
    "Graphs for {svc2} look normal, so it is not the network",
    "Found {k} stuck workers on {svc}",
    "The {svc} runbook step {k} is out of date",
    "Provider status page shows no problems",
    "{Svc} health check flapping every {k} minutes",
];

pub(super) const ACTIONS: &[&str] = &[
    "Restarted the {svc} workers",
    "Rolled {svc} back to the previous release",
    "Scaled {svc} to {k} instances",
    "Cleared the {svc} cache",
    "Rotated the {svc} certificate",
    "Failed {svc} over to the standby",
    "Freed {n} GB on the {svc} host",
    "Blocked an abusive IP range on {svc}",
    "Applied a hotfix to {svc}",
    "Paused the {svc} cron jobs",
    "Re-ran the failed {svc} jobs",
    "Raised the {svc} connection limit to {n}0",
    "Drained traffic away from the broken {svc} node",
];

pub(super) const DECISIONS: &[&str] = &[
    "Roll back rather than fix forward",
    "Don't wake the database volunteer; it can wait till morning",
    "Freeze deploys to {svc} until this is understood",
    "Keep {svc} read-only overnight",
    "Accept degraded {svc2} while we fix {svc}",
    "Hand over to the next time zone at the end of the shift",
    "Move the proper fix to the next scheduled release",
    "Tell users now instead of waiting for a cause",
];

pub(super) const COMMS: &[&str] = &[
    "Status page: investigating problems with {svc}",
    "Status page updated: fix in progress",
    "Replied to users on the forum thread",
    "Posted on social media that {svc} is degraded",
    "Emailed the {n} affected users",
    "Status page: resolved, monitoring",
    "Told the committee in chat",
    "Pinned a notice on {svc}",
];

pub(super) const IDENTIFIED: &[&str] = &[
    "Cause found: {svc} ran out of connections",
    "Cause found: a config change to {svc}",
    "Cause found: the {svc} certificate expired",
    "Cause found: {svc2} upstream is failing",
    "Cause found: the disk on {svc} is full",
    "Cause found: a slow query in the last release",
];

pub(super) const MONITORING: &[&str] = &[
    "Fix deployed, watching {svc}",
    "Error rate back to normal, monitoring",
    "Workaround in place, monitoring {svc}",
];

pub(super) const RESOLVED: &[&str] = &[
    "Resolved: {svc} normal for an hour",
    "Resolved after {dur}",
    "Resolved; follow-up in the review",
];

pub(super) const CAUSES: &[&str] = &[
    "a configuration change",
    "a certificate expired",
    "a disk filled up",
    "a release with a slow query",
    "a traffic spike",
    "an upstream provider outage",
    "a cron job ran twice",
    "a DNS change",
    "a database failover",
];

pub(super) const IMPACTS: &[&str] = &[
    "About {n}% of requests to {svc} failed for {dur}.",
    "Users could not log in to {svc} for {dur}.",
    "{Svc} was slow but usable; {n} users complained.",
    "No data lost; {svc2} was affected as well.",
];

pub(super) const DETECTIONS: &[&str] = &[
    "Alerting caught it after {k} minutes.",
    "A user reported it in the forum before any alert fired.",
    "The on-call volunteer noticed it on the dashboard.",
    "The nightly check on {svc} failed.",
];

pub(super) const RESPONSES: &[&str] = &[
    "{name} ran the response; {k} volunteers joined.",
    "{name} took the incident manager role within minutes and split the work.",
    "Slow start: nobody took the incident manager role for the first half hour, then {name} did.",
];

pub(super) const RECOVERIES: &[&str] = &[
    "Rolled back the release and restarted {svc}.",
    "Freed disk space, then moved {svc} to a larger volume.",
    "Renewed the certificate by hand and restarted the proxy.",
    "Failed over to the standby and rebuilt the primary.",
];

pub(super) const FACTORS: &[&str] = &[
    "No alert on {svc} disk usage",
    "The runbook for {svc} was out of date",
    "Only one person knew how {svc} is deployed",
    "The release went out late in the evening",
    "The release manager was also deploying",
    "Monitoring did not cover {svc2}",
    "The config change was not reviewed",
    "The incident manager was also fixing things",
];

pub(super) const WENT_WELL: &[&str] = &[
    "Roles were assigned within minutes",
    "The status page was updated early",
    "The rollback took under five minutes",
    "Good handover between time zones",
    "The scribe kept a clear timeline",
];

pub(super) const WENT_BADLY: &[&str] = &[
    "Nobody was scribing for the first half hour",
    "Two people restarted {svc} at the same time",
    "Alerts went to an old chat channel",
    "The incident manager was heads-down fixing",
    "Users heard about it from social media first",
];

pub(super) const LUCKY: &[&str] = &[
    "It happened during working hours in Europe",
    "A volunteer who knows {svc} happened to be online",
    "Last night's backup of {svc} was good",
];

pub(super) const LESSONS: &[&str] = &[
    "Separate deciding from doing.",
    "Write the runbook while the pain is fresh.",
    "A second pair of eyes on releases is worth the wait.",
    "Page early; standing down is cheap.",
    "Post to the status page before the cause is known.",
];

pub(super) const ACTION_ITEMS: &[&str] = &[
    "Add an alert on {svc} disk usage",
    "Update the {svc} runbook",
    "Pair a second person on {svc} deployments",
    "Automate certificate renewal for {svc}",
    "Add a staging check for {svc} migrations",
    "Write down the rollback steps for {svc}",
    "Split the release-manager role from the on-call rota",
    "Add {svc} to the status page",
    "Review rate limits on {svc}",
    "Teach a second volunteer how {svc2} is deployed",
];

pub(super) const RELEASE_NOTES: &[&str] = &[
    "Upgrades {svc} dependencies",
    "Fixes {svc} timeouts under load",
    "New settings page for {svc}",
    "Security update for {svc}",
    "Faster {svc} queries; migrates {k} tables",
    "Small fixes to {svc} and {svc2}",
];

pub(super) const ROLLBACK_NOTES: &[&str] = &[
    "Rolled back: {svc} errors after deploy",
    "Rolled back: migration on {svc} took too long",
    "Rolled back: {svc2} could not talk to {svc}",
];

pub(super) const CANCEL_NOTES: &[&str] = &[
    "Cancelled: nobody free to deploy",
    "Cancelled: folded into the next release",
    "Cancelled: {svc} freeze during an incident",
];
