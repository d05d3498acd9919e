//! Time zone names as people know them today. Browsers (through ICU) and old files still use
//! some retired IANA names — Asia/Calcutta for Asia/Kolkata, Europe/Kiev for Europe/Kyiv — so
//! a team would see one city twice or not find its own. Names are mapped to the current one
//! wherever they enter: the zone picker, and every imported file.

/// Retired IANA names and the name that replaced them (IANA `backward` file), for zones a
/// team is likely to meet.
pub const ALIASES: &[(&str, &str)] = &[
    ("Asia/Calcutta", "Asia/Kolkata"),
    ("Europe/Kiev", "Europe/Kyiv"),
    ("Asia/Saigon", "Asia/Ho_Chi_Minh"),
    ("Asia/Katmandu", "Asia/Kathmandu"),
    ("Asia/Rangoon", "Asia/Yangon"),
    ("Asia/Dacca", "Asia/Dhaka"),
    ("Asia/Thimbu", "Asia/Thimphu"),
    ("Asia/Ulan_Bator", "Asia/Ulaanbaatar"),
    ("Asia/Macao", "Asia/Macau"),
    ("Asia/Chongqing", "Asia/Shanghai"),
    ("Asia/Chungking", "Asia/Shanghai"),
    ("Asia/Harbin", "Asia/Shanghai"),
    ("Asia/Tel_Aviv", "Asia/Jerusalem"),
    ("Asia/Istanbul", "Europe/Istanbul"),
    ("America/Buenos_Aires", "America/Argentina/Buenos_Aires"),
    ("America/Catamarca", "America/Argentina/Catamarca"),
    ("America/Cordoba", "America/Argentina/Cordoba"),
    ("America/Jujuy", "America/Argentina/Jujuy"),
    ("America/Mendoza", "America/Argentina/Mendoza"),
    ("America/Indianapolis", "America/Indiana/Indianapolis"),
    ("America/Louisville", "America/Kentucky/Louisville"),
    ("America/Godthab", "America/Nuuk"),
    ("America/Montreal", "America/Toronto"),
    ("America/Shiprock", "America/Denver"),
    ("Atlantic/Faeroe", "Atlantic/Faroe"),
    ("Atlantic/Jan_Mayen", "Europe/Oslo"),
    ("Europe/Belfast", "Europe/London"),
    ("Europe/Nicosia", "Asia/Nicosia"),
    ("Europe/Uzhgorod", "Europe/Kyiv"),
    ("Europe/Zaporozhye", "Europe/Kyiv"),
    ("Pacific/Truk", "Pacific/Chuuk"),
    ("Pacific/Ponape", "Pacific/Pohnpei"),
    ("Pacific/Enderbury", "Pacific/Kanton"),
    ("Pacific/Samoa", "Pacific/Pago_Pago"),
    ("Australia/ACT", "Australia/Sydney"),
    ("Australia/NSW", "Australia/Sydney"),
    ("Etc/UTC", "UTC"),
    ("Etc/UCT", "UTC"),
    ("Etc/Universal", "UTC"),
    ("Etc/Zulu", "UTC"),
    ("Etc/GMT", "UTC"),
    ("GMT", "UTC"),
    ("UCT", "UTC"),
    ("Universal", "UTC"),
    ("Zulu", "UTC"),
];

/// The current name of a zone: a retired alias mapped to its replacement, anything else as is.
pub fn canonical(zone: &str) -> &str {
    ALIASES
        .iter()
        .find(|(old, _)| *old == zone)
        .map_or(zone, |(_, new)| new)
}

/// A picker's list from the zones a browser knows: current names, each once, sorted, with
/// UTC first (postmortems are written in it).
pub fn picker_list(known: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = known
        .into_iter()
        .map(|z| canonical(&z).to_string())
        .filter(|z| z != "UTC")
        .collect();
    out.sort();
    out.dedup();
    out.insert(0, "UTC".to_string());
    out
}
