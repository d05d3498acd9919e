//! How the model's records read and write JSON: [`record!`] declares a record with its serde
//! impls, keeping the fields Hatrack does not know in `extra`, and every value is read exactly as
//! strictly as FORMAT.md states it ([`Strict`]).
//!
//! Why not serde's derive with `#[serde(flatten)] extra`: to find the unknown fields, `flatten`
//! buffers every field of every record in serde's intermediate representation before matching
//! the known ones, which took most of an import's parse time and a good part of its code. The
//! visitor written here matches each key as it comes and keeps only unknown values as JSON.
//!
//! Why strict: import deserializes a file straight into these types and then checks only the
//! rules that span records (`validate`, the fast path). That is sound only if a value the types
//! accept is one FORMAT.md accepts; left to themselves, chrono reads `2026-11-27T22:10:00+0100`
//! and `2026-1-5`, and serde reads `{"sev1": null}` as a severity. A file that fails here is not lost: import then
//! walks it as plain JSON and names every problem with its path.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, SeqAccess, Unexpected, Visitor};
use serde_json::{Map, Value};

use super::model::ClockTime;

/// RFC 3339 with an offset, within the years the model writes back in the same form
/// (a UTC year outside 0..=9999 would be exported as `+10000-...`, which no longer imports).
pub fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    if let Some(t) = utc_whole_seconds(s) {
        return Some(t);
    }
    let t = DateTime::parse_from_rfc3339(s).ok()?.with_timezone(&Utc);
    (0..=9999).contains(&t.year()).then_some(t)
}

/// `2026-11-27T22:10:00Z`, the form Hatrack writes and so nearly every time in a file, read
/// without chrono's general parser: a tenth of an import's time on the host. Anything else, a
/// leap second included, is left to chrono; what this reads, chrono reads the same.
fn utc_whole_seconds(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    let shaped = b.len() == 20
        && [
            (4, b'-'),
            (7, b'-'),
            (10, b'T'),
            (13, b':'),
            (16, b':'),
            (19, b'Z'),
        ]
        .iter()
        .all(|&(i, c)| b[i] == c);
    if !shaped {
        return None;
    }
    let number = |from: usize, to: usize| {
        b[from..to].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(number(0, 4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, number(5, 7)?, number(8, 10)?)?;
    let time = NaiveTime::from_hms_opt(number(11, 13)?, number(14, 16)?, number(17, 19)?)?;
    Some(date.and_time(time).and_utc())
}

/// Strictly `YYYY-MM-DD`: chrono alone also takes signs and one-digit months and days, so
/// the width and digits are checked first and chrono checks the separators and the calendar.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let shaped = s.len() == 10
        && s.bytes()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shaped
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}

/// Reading a value of the model exactly as FORMAT.md allows it, no more.
pub trait Strict: Sized {
    fn strict<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

/// A `T` read with [`Strict`]: what a record's visitor asks the map for.
pub struct Field<T>(pub T);

impl<'de, T: Strict> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::strict(d).map(Field)
    }
}

/// An optional value that may be left out but not written `null` (`settings.rest`, `.rota`).
pub struct Present<T>(pub Option<T>);

impl<'de, T: Strict> Deserialize<'de> for Present<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::strict(d).map(|t| Present(Some(t)))
    }
}

/// Types whose own `Deserialize` is already as strict as FORMAT.md: serde's for JSON's scalars,
/// the model's records (from [`record!`]) and its enums (from [`text_enum!`]).
macro_rules! strict_as_deserialize {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::domain::record::Strict for $t {
            fn strict<'de, D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$t as ::serde::Deserialize>::deserialize(d)
            }
        }
    )*};
}
pub(crate) use strict_as_deserialize;

strict_as_deserialize!(String, bool, f64, u64, u32, [String; 2], ClockTime);

/// Text that must parse: a time, a date, one of an enum's names.
pub struct Parsed<T> {
    parse: fn(&str) -> Option<T>,
    expecting: &'static str,
}

impl<T> Parsed<T> {
    pub fn read<'de, D: Deserializer<'de>>(
        d: D,
        parse: fn(&str) -> Option<T>,
        expecting: &'static str,
    ) -> Result<T, D::Error> {
        d.deserialize_str(Parsed { parse, expecting })
    }
}

impl<T> Visitor<'_> for Parsed<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<T, E> {
        (self.parse)(s).ok_or_else(|| E::invalid_value(Unexpected::Str(s), &self))
    }
}

impl Strict for DateTime<Utc> {
    fn strict<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Parsed::read(d, parse_time, "an RFC 3339 time with an offset")
    }
}

impl Strict for NaiveDate {
    fn strict<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Parsed::read(d, parse_date, "a date YYYY-MM-DD")
    }
}

/// A closed set of names read from text, and only from text (serde's derive also takes
/// `{"name": null}`). Writing stays with the derived `Serialize`.
macro_rules! text_enum {
    ($($t:ty),* $(,)?) => {$(
        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::domain::record::Parsed::read(d, <$t>::parse, concat!("a ", stringify!($t), " name"))
            }
        }
        $crate::domain::record::strict_as_deserialize!($t);
    )*};
}
pub(crate) use text_enum;

impl<T: Strict> Strict for Option<T> {
    fn strict<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OptionOf<T>(PhantomData<T>);
        impl<'de, T: Strict> Visitor<'de> for OptionOf<T> {
            type Value = Option<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value or null")
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
                T::strict(d).map(Some)
            }
        }
        d.deserialize_option(OptionOf(PhantomData))
    }
}

impl<T: Strict> Strict for Vec<T> {
    fn strict<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListOf<T>(PhantomData<T>);
        impl<'de, T: Strict> Visitor<'de> for ListOf<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                // A size the input claims is a hint, not a promise: cap what it may reserve.
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(Field(item)) = seq.next_element()? {
                    out.push(item);
                }
                Ok(out)
            }
        }
        d.deserialize_seq(ListOf(PhantomData))
    }
}

impl<T: Strict> Strict for super::shared::Records<T> {
    fn strict<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<T>::strict(d).map(Into::into)
    }
}

/// An object of any JSON (`settings.severity_descriptions`); serde_json's own reads `null` as
/// an empty one.
impl Strict for Map<String, Value> {
    fn strict<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Object(map) => Ok(map),
            _ => Err(D::Error::custom("expected an object")),
        }
    }
}

/// A record's key, borrowed from the input when it can be: known keys are only compared.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyText;
        impl<'de> Visitor<'de> for KeyText {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(KeyText)
    }
}

/// An unknown field, kept as it came; a key given twice is refused, as import's walk would
/// only ever see its last value.
pub fn keep_unknown<'de, A: MapAccess<'de>>(
    map: &mut A,
    extra: &mut Map<String, Value>,
    key: Key<'de>,
) -> Result<(), A::Error> {
    let value: Value = map.next_value()?;
    match extra.insert(key.into_string(), value) {
        None => Ok(()),
        Some(_) => Err(A::Error::custom("a field is given twice")),
    }
}

/// Reads a model type from a JSON value by way of its text. `serde_json::from_value` would
/// compile every record's reader a second time, for `Value` (the wasm would carry both); the few
/// places that hold a `Value` (a merge choice, a file the walk has checked) read it as import
/// reads text, for the cost of writing it out once.
pub fn from_value<T: serde::de::DeserializeOwned>(value: &Value) -> serde_json::Result<T> {
    serde_json::from_str(&value.to_string())
}

/// A model type as a JSON value, by way of its text: `serde_json::to_value` would compile every
/// record's writer a second time, for `Value`, beside the one that writes files and storage.
pub fn to_value<T: serde::Serialize + ?Sized>(x: &T) -> Value {
    serde_json::to_string(x)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

/// Declares a record of the workspace file: the struct with an `extra` map for unknown fields,
/// and `Serialize` / `Deserialize` as serde's derive with `#[serde(flatten)] extra` would have
/// written them, byte for byte, but reading each value with [`Strict`].
///
/// Each field is `pub name: Type` then, optionally: `= default` (used when the key is missing;
/// without it the key is required), `, skip_if pred` (left out of the output when `pred(&value)`),
/// `, via Wrapper` (read through `Wrapper<T>` instead of `Field<T>`, e.g. [`Present`]).
macro_rules! record {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            $(
                $(#[$field_attr:meta])*
                pub $field:ident : $ty:ty $(= $default:expr)? $(, skip_if $skip:path)? $(, via $via:ident)? ;
            )*
        }
    ) => {
        $(#[$attr])*
        pub struct $name {
            $( $(#[$field_attr])* pub $field: $ty, )*
            /// Fields this version of Hatrack does not know: kept, and written back after the others.
            pub extra: $crate::domain::model::Extra,
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = s.serialize_map(None)?;
                $( $crate::domain::record::record!(@write map, stringify!($field), &self.$field $(, $skip)?); )*
                for (key, value) in &self.extra {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Fields;
                impl<'de> ::serde::de::Visitor<'de> for Fields {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter) -> ::std::fmt::Result {
                        f.write_str(concat!("an object (", stringify!($name), ")"))
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        // Fields of a struct, not locals: a local would shadow a default's function.
                        struct Slots { $( $field: Option<$ty>, )* }
                        let mut slots = Slots { $( $field: None, )* };
                        let mut extra = $crate::domain::model::Extra::new();
                        while let Some(key) = map.next_key::<$crate::domain::record::Key<'de>>()? {
                            match key.as_str() {
                                $( stringify!($field) => {
                                    if slots.$field.is_some() {
                                        return Err(::serde::de::Error::duplicate_field(stringify!($field)));
                                    }
                                    slots.$field = Some($crate::domain::record::record!(@read map, $ty $(, $via)?));
                                } )*
                                _ => $crate::domain::record::keep_unknown(&mut map, &mut extra, key)?,
                            }
                        }
                        Ok($name {
                            $( $field: match slots.$field {
                                Some(value) => value,
                                None => $crate::domain::record::record!(@missing $field $(, $default)?),
                            }, )*
                            extra,
                        })
                    }
                }
                d.deserialize_map(Fields)
            }
        }

        $crate::domain::record::strict_as_deserialize!($name);
    };
    (@write $map:ident, $key:expr, $value:expr) => {
        $map.serialize_entry($key, $value)?
    };
    (@write $map:ident, $key:expr, $value:expr, $skip:path) => {
        if !$skip($value) {
            $map.serialize_entry($key, $value)?
        }
    };
    (@read $map:ident, $ty:ty) => {
        $map.next_value::<$crate::domain::record::Field<$ty>>()?.0
    };
    (@read $map:ident, $ty:ty, $via:ident) => {
        $map.next_value::<$crate::domain::record::$via<_>>()?.0
    };
    (@missing $field:ident) => {
        return Err(::serde::de::Error::missing_field(stringify!($field)))
    };
    (@missing $field:ident, $default:expr) => {
        $default
    };
}
pub(crate) use record;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn by_chrono(s: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }

    proptest! {
        #[test]
        fn whole_seconds_in_utc_read_as_chrono_reads_them(
            (year, month, day) in (0u32..10000, 0u32..14, 0u32..33),
            (hour, minute, second) in (0u32..26, 0u32..62, 0u32..62),
        ) {
            let text = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z");
            let chrono = by_chrono(&text);
            match utc_whole_seconds(&text) {
                Some(t) => prop_assert_eq!(Some(t), chrono),
                // Only a leap second, or what chrono refuses too, is left to chrono.
                None => prop_assert!(chrono.is_none() || second == 60, "{}", text),
            }
            prop_assert_eq!(parse_time(&text), chrono);
        }
    }

    #[test]
    fn other_forms_of_rfc_3339_are_left_to_chrono() {
        for text in [
            "2026-11-27t22:10:00z",
            "2026-11-27 22:10:00Z",
            "2026-11-27T22:10:00.5Z",
            "2026-11-27T22:10:00+00:00",
            "2026-11-27T23:10:00+01:00",
            "2026-11-27T22:10Z",
            "2026-11-27T22:10:00ZZ",
            "2026-11-2７T22:10:0Z",
            "+2026-11-27T22:10:00Z",
        ] {
            assert_eq!(utc_whole_seconds(text), None, "{text}");
            assert_eq!(parse_time(text), by_chrono(text), "{text}");
        }
    }
}
