//! A panel's HTML once on a first visit.
//!
//! A page written by the server hands the browser, besides its markup, every resource it
//! awaited (Leptos' hydration data), so that the browser starts from the same values without
//! asking again. For a panel that value is the panel's HTML, already in the page as the
//! panel's markup: sent as page data too, it travelled twice (the second time as base64, a
//! third larger). So the page data's codec ([`PageCodec`], that of every [`Data`]) writes, in
//! place of any string that is a panel's HTML (it begins with [`MARK`], as [`super::html_of`]
//! writes it), the short [`IN_PAGE`]. Hydrating, the panel leaves the HTML that is already in
//! its element as it is (Leptos does not write `inner_html` over the server's markup); shown
//! anew later in the browser (not hydrating), it asks for its HTML ([`markup`]). Server
//! functions' answers (a panel loaded after a click, a reload after a post, a page reached
//! without a first visit) are untouched: they carry the HTML as before.
//!
//! This needs nothing of a page: any loaded value works, a panel's HTML alone or inside a
//! larger value (the Day page's `DayScreen`, whose setup is a panel).

use crate::codec::CompactCodec;
use serde::{de::DeserializeOwned, Serialize};

/// How a panel's HTML begins (an HTML comment, shown as nothing).
#[cfg(feature = "ssr")]
pub const MARK: &str = "<!--panel-->";

/// What page data carries in place of a panel's HTML: "it is in the page".
pub const IN_PAGE: &str = "<!--panel in page-->";

/// The codec of page data ([`Data`]): [`CompactCodec`], a panel's HTML left out.
pub struct PageCodec;

impl<T: Serialize> codee::Encoder<T> for PageCodec {
    type Error = postcard::Error;
    type Encoded = Vec<u8>;

    fn encode(value: &T) -> Result<Vec<u8>, postcard::Error> {
        #[cfg(feature = "ssr")]
        {
            postcard::to_allocvec(&elide::Elided(value))
        }
        #[cfg(not(feature = "ssr"))]
        {
            <CompactCodec as codee::Encoder<T>>::encode(value)
        }
    }
}

impl<T: DeserializeOwned> codee::Decoder<T> for PageCodec {
    type Error = postcard::Error;
    type Encoded = [u8];

    fn decode(bytes: &[u8]) -> Result<T, postcard::Error> {
        <CompactCodec as codee::Decoder<T>>::decode(bytes)
    }
}

/// The HTML a panel writes into its element. [`IN_PAGE`] while hydrating: nothing to write,
/// the element keeps the server's markup. [`IN_PAGE`] otherwise (the panel shown anew from
/// page data, e.g. one not on screen while the page hydrated): the panel asks for its HTML
/// (`refetch`).
#[cfg(feature = "hydrate")]
pub fn markup(markup: String, refetch: impl FnOnce()) -> String {
    use leptos::prelude::Owner;
    if markup != IN_PAGE {
        return markup;
    }
    if !Owner::current_shared_context().is_some_and(|sc| sc.during_hydration()) {
        refetch();
    }
    String::new()
}

/// A serializer that hands every value to another one unchanged, except a string that is a
/// panel's HTML, written as [`IN_PAGE`].
#[cfg(feature = "ssr")]
mod elide {
    use super::{IN_PAGE, MARK};
    use serde::ser::{self, Serialize, Serializer};

    /// A value serialized with its panels' HTML left out.
    pub struct Elided<'a, T: ?Sized>(pub &'a T);

    impl<T: ?Sized + Serialize> Serialize for Elided<'_, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.serialize(Elide(serializer))
        }
    }

    /// The serializer (and each of its compound serializers) around another.
    pub struct Elide<S>(S);

    macro_rules! same {
        ($($method:ident($ty:ty);)*) => {
            $(fn $method(self, v: $ty) -> Result<S::Ok, S::Error> {
                self.0.$method(v)
            })*
        };
    }

    impl<S: Serializer> Serializer for Elide<S> {
        type Ok = S::Ok;
        type Error = S::Error;
        type SerializeSeq = Elide<S::SerializeSeq>;
        type SerializeTuple = Elide<S::SerializeTuple>;
        type SerializeTupleStruct = Elide<S::SerializeTupleStruct>;
        type SerializeTupleVariant = Elide<S::SerializeTupleVariant>;
        type SerializeMap = Elide<S::SerializeMap>;
        type SerializeStruct = Elide<S::SerializeStruct>;
        type SerializeStructVariant = Elide<S::SerializeStructVariant>;

        fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
            self.0
                .serialize_str(if v.starts_with(MARK) { IN_PAGE } else { v })
        }

        same! {
            serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
            serialize_i64(i64); serialize_i128(i128); serialize_u8(u8); serialize_u16(u16);
            serialize_u32(u32); serialize_u64(u64); serialize_u128(u128); serialize_f32(f32);
            serialize_f64(f64); serialize_char(char); serialize_bytes(&[u8]);
            serialize_unit_struct(&'static str);
        }

        fn serialize_none(self) -> Result<S::Ok, S::Error> {
            self.0.serialize_none()
        }

        fn serialize_unit(self) -> Result<S::Ok, S::Error> {
            self.0.serialize_unit()
        }

        fn serialize_unit_variant(
            self,
            name: &'static str,
            index: u32,
            variant: &'static str,
        ) -> Result<S::Ok, S::Error> {
            self.0.serialize_unit_variant(name, index, variant)
        }

        fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<S::Ok, S::Error> {
            self.0.serialize_some(&Elided(v))
        }

        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            name: &'static str,
            v: &T,
        ) -> Result<S::Ok, S::Error> {
            self.0.serialize_newtype_struct(name, &Elided(v))
        }

        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            name: &'static str,
            index: u32,
            variant: &'static str,
            v: &T,
        ) -> Result<S::Ok, S::Error> {
            self.0
                .serialize_newtype_variant(name, index, variant, &Elided(v))
        }

        fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
            self.0.serialize_seq(len).map(Elide)
        }

        fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
            self.0.serialize_tuple(len).map(Elide)
        }

        fn serialize_tuple_struct(
            self,
            name: &'static str,
            len: usize,
        ) -> Result<Self::SerializeTupleStruct, S::Error> {
            self.0.serialize_tuple_struct(name, len).map(Elide)
        }

        fn serialize_tuple_variant(
            self,
            name: &'static str,
            index: u32,
            variant: &'static str,
            len: usize,
        ) -> Result<Self::SerializeTupleVariant, S::Error> {
            self.0
                .serialize_tuple_variant(name, index, variant, len)
                .map(Elide)
        }

        fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
            self.0.serialize_map(len).map(Elide)
        }

        fn serialize_struct(
            self,
            name: &'static str,
            len: usize,
        ) -> Result<Self::SerializeStruct, S::Error> {
            self.0.serialize_struct(name, len).map(Elide)
        }

        fn serialize_struct_variant(
            self,
            name: &'static str,
            index: u32,
            variant: &'static str,
            len: usize,
        ) -> Result<Self::SerializeStructVariant, S::Error> {
            self.0
                .serialize_struct_variant(name, index, variant, len)
                .map(Elide)
        }

        fn is_human_readable(&self) -> bool {
            self.0.is_human_readable()
        }
    }

    /// The compound serializers: each element, field, key or value through [`Elided`].
    macro_rules! compound {
        ($($trait:ident { $($method:ident($($arg:ident: $ty:ty),*));* })*) => {
            $(impl<S: ser::$trait> ser::$trait for Elide<S> {
                type Ok = S::Ok;
                type Error = S::Error;
                $(fn $method<T: ?Sized + Serialize>(
                    &mut self,
                    $($arg: $ty,)*
                    v: &T,
                ) -> Result<(), S::Error> {
                    self.0.$method($($arg,)* &Elided(v))
                })*
                fn end(self) -> Result<S::Ok, S::Error> {
                    self.0.end()
                }
            })*
        };
    }

    compound! {
        SerializeSeq { serialize_element() }
        SerializeTuple { serialize_element() }
        SerializeTupleStruct { serialize_field() }
        SerializeTupleVariant { serialize_field() }
        SerializeStruct { serialize_field(key: &'static str) }
        SerializeStructVariant { serialize_field(key: &'static str) }
    }

    impl<S: ser::SerializeMap> ser::SerializeMap for Elide<S> {
        type Ok = S::Ok;
        type Error = S::Error;

        fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), S::Error> {
            self.0.serialize_key(&Elided(key))
        }

        fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), S::Error> {
            self.0.serialize_value(&Elided(v))
        }

        fn end(self) -> Result<S::Ok, S::Error> {
            self.0.end()
        }
    }
}

#[cfg(feature = "ssr")]
#[cfg(test)]
mod tests {
    use super::*;
    use codee::{Decoder, Encoder};
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Screen {
        name: String,
        setup: String,
        rows: Vec<(u32, Option<String>)>,
        by_key: BTreeMap<String, String>,
    }

    fn round_trip<T: Serialize + DeserializeOwned>(value: &T) -> T {
        let bytes = <PageCodec as Encoder<T>>::encode(value).unwrap();
        <PageCodec as Decoder<T>>::decode(&bytes).unwrap()
    }

    #[test]
    fn a_panels_html_is_left_out_of_page_data_and_nothing_else() {
        let panel = format!("{MARK}<section><h2>Program staff</h2></section>");
        let screen = Screen {
            name: "Tuesday <b>".into(),
            setup: panel.clone(),
            rows: vec![
                (1, Some(panel.clone())),
                (2, None),
                (3, Some("plain".into())),
            ],
            by_key: BTreeMap::from([("k".into(), panel.clone())]),
        };
        let back = round_trip(&screen);
        assert_eq!(back.name, "Tuesday <b>");
        assert_eq!(back.setup, IN_PAGE);
        assert_eq!(
            back.rows,
            vec![
                (1, Some(IN_PAGE.into())),
                (2, None),
                (3, Some("plain".into()))
            ]
        );
        assert_eq!(back.by_key["k"], IN_PAGE);
        let loaded: Result<String, crate::error::AppError> = Ok(panel);
        assert_eq!(round_trip(&loaded).unwrap(), IN_PAGE);
    }

    #[test]
    fn without_a_panel_the_bytes_are_the_compact_wires() {
        let value: Result<(String, Vec<i64>), crate::error::AppError> =
            Ok(("a name".into(), vec![1, -2, 300]));
        assert_eq!(
            <PageCodec as Encoder<_>>::encode(&value).unwrap(),
            <CompactCodec as Encoder<_>>::encode(&value).unwrap()
        );
    }
}
