//! Editing the roster and the role catalogue: people, roles and separation-of-duty rules.

use crate::domain::order;
use chrono::{DateTime, Utc};

use super::assign::{find_person, find_role, role_name};
use super::model::{new_id, ConflictRule, Extra, Person, Review, Role, Scope, Workspace};
use super::refusal::{DomainError, DomainResult};

/// The trimmed name, or `unnamed` when nothing is left.
fn clean_name(name: &str, unnamed: DomainError) -> DomainResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(unnamed);
    }
    Ok(name.to_string())
}

/// The value when it is a number of 0 or more, else `invalid`.
fn clean_number(value: f64, invalid: DomainError) -> DomainResult<f64> {
    if !value.is_finite() || value < 0.0 {
        return Err(invalid);
    }
    Ok(value)
}

fn clean_timezone(timezone: Option<String>) -> Option<String> {
    timezone.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// Skills are role ids (FORMAT.md); unknown ones would dangle, duplicates mean nothing.
fn clean_skills(ws: &Workspace, skills: Vec<String>) -> DomainResult<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for skill in skills {
        let skill = skill.trim().to_string();
        if find_role(ws, &skill).is_none() {
            return Err(DomainError::UnknownSkill { skill });
        }
        if !out.contains(&skill) {
            out.push(skill);
        }
    }
    Ok(out)
}

pub(crate) fn person_mut<'a>(ws: &'a mut Workspace, id: &str) -> DomainResult<&'a mut Person> {
    match ws
        .people
        .iter_mut()
        .find(|p| p.id == id && p.deleted_at.is_none())
    {
        Some(p) => Ok(p),
        None => Err(DomainError::PersonGone),
    }
}

fn role_mut<'a>(ws: &'a mut Workspace, id: &str) -> DomainResult<&'a mut Role> {
    match ws.roles.iter_mut().find(|r| r.id == id && r.deleted_at.is_none()) {
        Some(r) => Ok(r),
        None => Err(DomainError::RoleGone),
    }
}

/// Adds an active person. `capacity: None` means the workspace default applies.
pub fn add_person(
    ws: &mut Workspace,
    name: &str,
    timezone: Option<String>,
    skills: Vec<String>,
    capacity: Option<f64>,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    let name = clean_name(name, DomainError::PersonUnnamed)?;
    let capacity = capacity
        .map(|c| clean_number(c, DomainError::CapacityInvalid))
        .transpose()?;
    let skills = clean_skills(ws, skills)?;
    let id = new_id("p");
    ws.people.push(Person {
        id: id.clone(),
        name,
        timezone: clean_timezone(timezone),
        skills,
        capacity,
        active: true,
        updated_at: Some(now),
        deleted_at: None,
        away: vec![],
        extra: Extra::new(),
    });
    Ok(id)
}

/// One line of a pasted list of people: a name, and a time zone after a comma if given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pasted {
    /// 1-based, as an editor counts lines.
    pub line: usize,
    pub name: String,
    pub timezone: Option<String>,
}

/// Reads names pasted one a line ("Priya Raman" or "Priya Raman, Europe/London"); blank lines
/// are skipped, and a line that is only a comma and a zone keeps its (empty) name so that
/// adding it is refused with its line number.
pub fn parse_pasted(text: &str) -> Vec<Pasted> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let (name, zone) = match l.rsplit_once(',') {
                // Only a zone-like tail splits: "Smith, Jr." stays a name.
                Some((n, z)) if z.trim().contains('/') || z.trim() == "UTC" => {
                    (n, Some(z.trim().to_string()))
                }
                _ => (l, None),
            };
            Pasted {
                line: i + 1,
                name: name.trim().to_string(),
                timezone: zone,
            }
        })
        .collect()
}

/// What adding a pasted list did: who was added, and who was already on the roster (by name,
/// ignoring case) and so left alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddedPeople {
    pub added: Vec<String>,
    pub already: Vec<String>,
}

/// Adds every pasted person, all or nothing; `zone` is used for lines without a zone. A
/// refusal names its line.
pub fn add_pasted(
    ws: &mut Workspace,
    pasted: &[Pasted],
    zone: Option<String>,
    now: DateTime<Utc>,
) -> Result<AddedPeople, (usize, DomainError)> {
    let mut copy = ws.clone();
    let mut out = AddedPeople::default();
    for p in pasted {
        let taken = copy
            .people
            .iter()
            .any(|x| x.deleted_at.is_none() && x.name.to_lowercase() == p.name.to_lowercase());
        if taken && !p.name.is_empty() {
            out.already.push(p.name.clone());
            continue;
        }
        let tz = p.timezone.clone().or_else(|| zone.clone());
        let id = add_person(&mut copy, &p.name, tz, vec![], None, now).map_err(|e| (p.line, e))?;
        out.added.push(id);
    }
    *ws = copy;
    Ok(out)
}

/// Replaces a person's editable fields, under the same rules as `add_person`.
pub fn update_person(
    ws: &mut Workspace,
    id: &str,
    name: &str,
    timezone: Option<String>,
    skills: Vec<String>,
    capacity: Option<f64>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let name = clean_name(name, DomainError::PersonUnnamed)?;
    let capacity = capacity
        .map(|c| clean_number(c, DomainError::CapacityInvalid))
        .transpose()?;
    let skills = clean_skills(ws, skills)?;
    let p = person_mut(ws, id)?;
    p.name = name;
    p.timezone = clean_timezone(timezone);
    p.skills = skills;
    p.capacity = capacity;
    p.updated_at = Some(now);
    Ok(())
}

/// Inactive people keep their history but cannot be given new roles.
pub fn set_active(ws: &mut Workspace, id: &str, active: bool, now: DateTime<Utc>) -> DomainResult<()> {
    let p = person_mut(ws, id)?;
    p.active = active;
    p.updated_at = Some(now);
    Ok(())
}

/// Tombstones a person. Their assignments are history other views count on, so deleting
/// someone who holds or held roles needs `with_assignments` (which tombstones those too).
pub fn delete_person(
    ws: &mut Workspace,
    id: &str,
    now: DateTime<Utc>,
    with_assignments: bool,
) -> DomainResult<()> {
    let Some(person) = find_person(ws, id) else {
        return Err(DomainError::PersonGone);
    };
    let name = person.name.clone();
    let held = ws
        .assignments
        .iter()
        .filter(|a| a.person == id && a.deleted_at.is_none())
        .count();
    if held > 0 && !with_assignments {
        return Err(DomainError::HasAssignments { name, count: held });
    }
    for a in ws
        .assignments
        .iter_mut()
        .filter(|a| a.person == id && a.deleted_at.is_none())
    {
        a.deleted_at = Some(now);
        a.updated_at = Some(now);
    }
    let p = person_mut(ws, id)?;
    p.deleted_at = Some(now);
    p.updated_at = Some(now);
    erase(ws, id, &name);
    Ok(())
}

/// What a deleted person's place in the records reads as once their name is gone.
pub const REMOVED_PERSON: &str = "a removed person";

/// A deleted person leaves nothing personal behind: the tombstone keeps only what merge needs
/// (id, deletion and edit times), and their name is taken out of every timeline, release
/// history and go/no-go note, published review and process changelog where it was written.
fn erase(ws: &mut Workspace, id: &str, name: &str) {
    if let Some(p) = ws.people.iter_mut().find(|p| p.id == id) {
        p.name = String::new();
        p.timezone = None;
        p.skills.clear();
        p.capacity = None;
        p.active = true;
        p.extra.clear();
    }
    if name.trim().is_empty() {
        return;
    }
    let scrub = |text: &mut String| {
        if text.contains(name) {
            *text = text.replace(name, REMOVED_PERSON);
        }
    };
    for inc in &mut ws.incidents {
        for e in &mut inc.timeline {
            scrub(&mut e.text);
        }
        scrub(&mut inc.summary);
    }
    for r in &mut ws.releases {
        for e in &mut r.timeline {
            scrub(&mut e.text);
        }
        scrub(&mut r.notes);
        if let Some(g) = r.go_no_go.as_mut() {
            scrub(&mut g.note);
        }
    }
    if let Some(p) = ws.process.as_mut() {
        for c in &mut p.changelog {
            scrub(&mut c.text);
        }
    }
    for r in &mut ws.reviews {
        let r: &mut Review = r;
        if let Some(p) = r.published.as_mut() {
            for role in p.roles.iter_mut().filter(|x| x.person == id) {
                role.person_name = REMOVED_PERSON.to_string();
            }
            for s in &mut p.statements {
                scrub(s);
            }
            for line in p.process.iter_mut().flat_map(|f| f.steps.iter_mut()) {
                scrub(line);
            }
        }
        for f in [
            &mut r.summary,
            &mut r.impact,
            &mut r.detection,
            &mut r.response,
            &mut r.recovery,
            &mut r.lessons,
        ] {
            scrub(f);
        }
        for list in [
            &mut r.contributing_factors,
            &mut r.went_well,
            &mut r.went_badly,
            &mut r.lucky,
        ] {
            list.iter_mut().for_each(scrub);
        }
        for a in &mut r.actions {
            scrub(&mut a.text);
        }
    }
}

/// Where deleting a person leaves a role without its holder: each incident or release role
/// they hold now, as (`incident` or `release`, its id, its title or name, the role's name).
pub fn holder_losses(
    ws: &Workspace,
    id: &str,
    now: DateTime<Utc>,
) -> Vec<(&'static str, String, String, String)> {
    let mut out = Vec::new();
    for a in ws
        .assignments
        .iter()
        .filter(|a| a.person == id && a.holds_at(now))
    {
        let role = super::assign::role_name(ws, &a.role);
        if let Some(i) = a
            .incident
            .as_deref()
            .and_then(|i| super::assign::find_incident(ws, i))
        {
            out.push(("incident", i.id.clone(), i.title.clone(), role));
        } else if let Some(r) = a
            .release
            .as_deref()
            .and_then(|r| super::assign::find_release(ws, r))
        {
            out.push(("release", r.id.clone(), r.name.clone(), role));
        }
    }
    out
}

/// Two live roles with the same name would be indistinguishable in every picker.
fn check_unique_role_name(ws: &Workspace, name: &str, except: Option<&str>) -> DomainResult<()> {
    let taken = ws.roles.iter().any(|r| {
        r.deleted_at.is_none()
            && Some(r.id.as_str()) != except
            && r.name.to_lowercase() == name.to_lowercase()
    });
    if taken {
        return Err(DomainError::RoleNameTaken {
            name: name.to_string(),
        });
    }
    Ok(())
}

pub fn add_role(
    ws: &mut Workspace,
    name: &str,
    scope: Scope,
    weight: f64,
    description: &str,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    let name = clean_name(name, DomainError::RoleUnnamed)?;
    let weight = clean_number(weight, DomainError::WeightInvalid)?;
    check_unique_role_name(ws, &name, None)?;
    let id = new_id("role");
    ws.roles.push(Role {
        id: id.clone(),
        name,
        scope,
        weight,
        description: description.trim().to_string(),
        updated_at: Some(now),
        deleted_at: None,
        single_holder: None,
        extra: Extra::new(),
    });
    Ok(id)
}

/// Whether a role takes one holder at a time within its incident; `None` goes back to the
/// built-in default (true for the incident manager and the communications lead).
pub fn set_single_holder(
    ws: &mut Workspace,
    role_id: &str,
    one: Option<bool>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let Some(r) = ws
        .roles
        .iter_mut()
        .find(|r| r.id == role_id && r.deleted_at.is_none())
    else {
        return Err(DomainError::RoleGone);
    };
    if r.single_holder != one {
        r.single_holder = one;
        r.updated_at = Some(now);
    }
    Ok(())
}

/// Scope is not editable: existing assignments are linked according to it.
pub fn update_role(
    ws: &mut Workspace,
    id: &str,
    name: &str,
    weight: f64,
    description: &str,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let name = clean_name(name, DomainError::RoleUnnamed)?;
    let weight = clean_number(weight, DomainError::WeightInvalid)?;
    check_unique_role_name(ws, &name, Some(id))?;
    let r = role_mut(ws, id)?;
    r.name = name;
    r.weight = weight;
    r.description = description.trim().to_string();
    r.updated_at = Some(now);
    Ok(())
}

/// A rule that two different roles should not be held by one person at once. A pair that
/// was removed before comes back as the same record, since the pair is its identity.
pub fn add_conflict_rule(
    ws: &mut Workspace,
    a: &str,
    b: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    if find_role(ws, a).is_none() || find_role(ws, b).is_none() {
        return Err(DomainError::ConflictRoleUnknown);
    }
    if a == b {
        return Err(DomainError::ConflictWithItself);
    }
    if ws
        .conflicts
        .iter()
        .any(|c| c.deleted_at.is_none() && c.names(a, b))
    {
        return Err(DomainError::AlreadyConflicting {
            a: role_name(ws, a),
            b: role_name(ws, b),
        });
    }
    let reason = reason.trim().to_string();
    if let Some(c) = ws.conflicts.iter_mut().find(|c| c.names(a, b)) {
        c.roles = [a.to_string(), b.to_string()];
        c.reason = reason;
        c.deleted_at = None;
        c.updated_at = Some(now);
        return Ok(());
    }
    ws.conflicts.push(ConflictRule {
        roles: [a.to_string(), b.to_string()],
        reason,
        updated_at: Some(now),
        deleted_at: None,
        extra: Extra::new(),
    });
    Ok(())
}

/// Tombstones the rule for the pair, in either order.
pub fn remove_conflict_rule(ws: &mut Workspace, a: &str, b: &str, now: DateTime<Utc>) -> DomainResult<()> {
    match ws
        .conflicts
        .iter_mut()
        .find(|c| c.deleted_at.is_none() && c.names(a, b))
    {
        Some(c) => {
            c.deleted_at = Some(now);
            c.updated_at = Some(now);
            Ok(())
        }
        None => Err(DomainError::NoConflictRule),
    }
}

/// Active people as (id, name), by name ignoring case: the list every person picker offers.
pub fn active_by_name(ws: &Workspace) -> Vec<(String, String)> {
    let mut v: Vec<_> = ws
        .people
        .iter()
        .filter(|p| p.deleted_at.is_none() && p.active)
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    order::sort_by_key(&mut v, |p| p.1.to_lowercase());
    v
}
