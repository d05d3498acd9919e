//! What a new workspace starts with: the role catalogue and separation-of-duty rules.

use super::model::{ConflictRule, Extra, Role, Scope, Workspace};

pub const COMMITTEE_CHAIR: &str = "committee-chair";
pub const INCIDENT_MANAGER: &str = "incident-manager";
pub const FIRST_LINE: &str = "first-line";
pub const SECOND_LINE: &str = "second-line";
pub const THIRD_LINE_LEAD: &str = "third-line-lead";
pub const COMMS_LEAD: &str = "comms-lead";
pub const SCRIBE: &str = "scribe";
pub const RELEASE_MANAGER: &str = "release-manager";
pub const DEPLOYMENT_MANAGER: &str = "deployment-manager";

/// A role as the catalogue starts it: no stamps, the built-in holder rule.
pub(crate) fn role(id: &str, name: &str, scope: Scope, weight: f64, description: &str) -> Role {
    Role {
        id: id.into(),
        name: name.into(),
        scope,
        weight,
        description: description.into(),
        updated_at: None,
        deleted_at: None,
        single_holder: None,
        extra: Extra::new(),
    }
}

pub fn default_roles() -> Vec<Role> {
    use Scope::*;
    vec![
        role(
            COMMITTEE_CHAIR,
            "Committee chair",
            Standing,
            2.0,
            "Chairs the team's committee: priorities, people and decisions between incidents.",
        ),
        role(
            INCIDENT_MANAGER,
            "Incident manager",
            Incident,
            3.0,
            "Runs the response and keeps everyone coordinated; does not fix things themselves.",
        ),
        role(
            FIRST_LINE,
            "1st line support",
            Incident,
            1.0,
            "Answers users, triages reports and passes on what is new.",
        ),
        role(
            SECOND_LINE,
            "2nd line support",
            Incident,
            1.0,
            "Reproduces and diagnoses; applies known fixes and workarounds.",
        ),
        role(
            THIRD_LINE_LEAD,
            "3rd line lead",
            Incident,
            2.0,
            "Leads the hands-on fix in code and infrastructure.",
        ),
        role(
            COMMS_LEAD,
            "Communications lead",
            Incident,
            1.0,
            "Keeps users and the team informed: status posts, social media, updates.",
        ),
        role(
            SCRIBE,
            "Scribe",
            Incident,
            1.0,
            "Writes the timeline as it happens so nobody has to remember it later.",
        ),
        role(
            RELEASE_MANAGER,
            "Release manager",
            Release,
            2.0,
            "Decides what goes into a release and when; owns the go/no-go.",
        ),
        role(
            DEPLOYMENT_MANAGER,
            "Deployment manager",
            Release,
            2.0,
            "Runs the deployment itself and the rollback if it goes wrong.",
        ),
    ]
}

fn rule(a: &str, b: &str, reason: &str) -> ConflictRule {
    ConflictRule {
        roles: [a.into(), b.into()],
        reason: reason.into(),
        updated_at: None,
        deleted_at: None,
        extra: Extra::new(),
    }
}

pub fn default_conflicts() -> Vec<ConflictRule> {
    vec![
        rule(INCIDENT_MANAGER, THIRD_LINE_LEAD, "The incident manager coordinates; the 3rd line lead is heads-down fixing. Nobody can do both."),
        rule(INCIDENT_MANAGER, COMMITTEE_CHAIR, "During an incident the chair's other duties pull attention away from running the response."),
        rule(INCIDENT_MANAGER, RELEASE_MANAGER, "A release manager may need to roll back their own release; the incident manager must judge that from outside."),
        rule(INCIDENT_MANAGER, DEPLOYMENT_MANAGER, "The person deploying is busy at the console; the incident manager must keep the overview."),
        rule(RELEASE_MANAGER, DEPLOYMENT_MANAGER, "Deciding to ship and doing the shipping are separate checks; one person doing both removes the second pair of eyes."),
    ]
}

/// A new, empty workspace with the default role catalogue and conflict rules.
pub fn new_workspace() -> Workspace {
    Workspace {
        roles: default_roles().into(),
        conflicts: default_conflicts(),
        ..Workspace::default()
    }
}
