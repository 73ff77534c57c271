//! Enums whose values are stored and sent as fixed words ("confirmed", "director", …).
//!
//! `text_enum!` gives an enum its list of values, the word of each (`as_str`) and the way back
//! (`parse`, `None` for an unknown word). On the server, `db::columns::sql_text_enum!` then
//! lets sqlx read and bind it directly.

macro_rules! text_enum {
    ($name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored word.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value of a stored word (`None` for an unknown one).
            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        #[cfg(feature = "ssr")]
        crate::db::columns::sql_text_enum!($name);
    };
}
pub(crate) use text_enum;
